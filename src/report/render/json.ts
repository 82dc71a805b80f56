// JSON: the Analysis object (shape documented in docs/report.md) plus `notes`, the same caveat and
// cost sentences the other formats print, so a consumer that only shows text cannot drop them.
import type { Analysis } from "../analysis.js";
import { caveatLines } from "./caveat-lines.js";

export function renderJson(a: Analysis): string {
  return `${JSON.stringify({ ...a, notes: caveatLines(a) }, null, 2)}\n`;
}
