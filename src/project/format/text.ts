// Compiler-style diagnostics: `file:line:col severity rule message`, the source line, a caret.

import { printable } from "../../terminal-text.js";
import type { Diagnostic } from "../diagnostic.js";
import { countsLine } from "./counts.js";
import { sourceExcerpt } from "./source-excerpt.js";

export interface TextOptions {
  /** Prefix for file paths (the project dir relative to the cwd), so paths are clickable. */
  pathPrefix?: string;
  color?: boolean;
}

export function formatText(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  opts: TextOptions = {},
): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  const split = new Map<string, string[]>();
  for (const d of diagnostics) {
    const { file, line, col } = d.position;
    const sev = d.severity === "error" ? paint("31;1", "error") : paint("33;1", "warning");
    lines.push(
      `${printable(`${opts.pathPrefix ?? ""}${file}:${line}:${col}`)} ${sev} ${paint("2", d.rule)} ${printable(d.message)}`,
    );
    const src = sources.get(file);
    if (src !== undefined) {
      if (!split.has(file)) split.set(file, src.split(/\r?\n/));
      const text = split.get(file)![line - 1];
      if (text !== undefined && text.trim() !== "") {
        const gutter = String(line).padStart(5);
        // Tabs become single spaces (printable), so the caret stays under its column.
        const excerpt = sourceExcerpt(text, col);
        lines.push(`${gutter} | ${excerpt.text}`);
        lines.push(`${" ".repeat(gutter.length)} | ${" ".repeat(excerpt.caretAt)}${paint("32;1", "^")}`);
      }
    }
    if (d.hint) lines.push(`      = hint: ${printable(d.hint)}`);
  }
  lines.push(countsLine(diagnostics));
  return lines.join("\n") + "\n";
}
