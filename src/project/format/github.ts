// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` per finding.
import type { Diagnostic } from "../diagnostic.js";
import { countsLine } from "./counts.js";

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts escaping rules.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(diagnostics: readonly Diagnostic[], pathPrefix = ""): string {
  const lines = diagnostics.map((d) => {
    const { file, line, col } = d.position;
    const props = [
      `file=${escapeProperty(pathPrefix + file)}`,
      `line=${line}`,
      `col=${col}`,
      `title=${escapeProperty(d.rule)}`,
    ].join(",");
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    return `::${d.severity === "error" ? "error" : "warning"} ${props}::${escapeData(message)}`;
  });
  lines.push(countsLine(diagnostics));
  return lines.join("\n") + "\n";
}
