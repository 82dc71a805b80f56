// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` per finding.

import { printable } from "../../terminal-text.js";
import type { Diagnostic } from "../diagnostic.js";
import { countsLine } from "./counts.js";

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts escaping rules.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(diagnostics: readonly Diagnostic[], pathPrefix = ""): string {
  const lines = diagnostics.map((d) => {
    const { file, line, col } = d.position;
    const props = [
      `file=${escapeProperty(printable(pathPrefix + file))}`,
      `line=${line}`,
      `col=${col}`,
      `title=${escapeProperty(d.rule)}`,
    ].join(",");
    // The log is shown in a terminal-like viewer: no control sequence from the spec gets through.
    const message = d.hint ? `${printable(d.message)}\n${printable(d.hint)}` : printable(d.message);
    return `::${d.severity === "error" ? "error" : "warning"} ${props}::${escapeData(message)}`;
  });
  lines.push(countsLine(diagnostics));
  return lines.join("\n") + "\n";
}
