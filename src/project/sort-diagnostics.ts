// Deterministic diagnostic order: file, line, column, then rule id.
import type { Diagnostic } from "./diagnostic.js";

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.position.file < b.position.file ? -1 : a.position.file > b.position.file ? 1 : 0) ||
      a.position.line - b.position.line ||
      a.position.col - b.position.col ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
