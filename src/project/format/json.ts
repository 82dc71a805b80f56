// Machine-readable diagnostics for `validate --format json`.
import type { Diagnostic } from "../diagnostic.js";
import { countSeverities } from "./counts.js";

export function formatJson(diagnostics: readonly Diagnostic[], pathPrefix = ""): string {
  const { errors, warnings } = countSeverities(diagnostics);
  const out = {
    valid: errors === 0,
    errors,
    warnings,
    diagnostics: diagnostics.map((d) => ({
      file: pathPrefix + d.position.file,
      line: d.position.line,
      col: d.position.col,
      severity: d.severity,
      rule: d.rule,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    })),
  };
  return JSON.stringify(out, null, 2) + "\n";
}
