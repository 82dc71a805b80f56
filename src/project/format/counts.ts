// "2 errors, 1 warning": the closing line of every text report.
import type { Diagnostic } from "../diagnostic.js";
import { plural } from "./plural.js";

export function countSeverities(ds: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = ds.filter((d) => d.severity === "error").length;
  return { errors, warnings: ds.length - errors };
}

export function countsLine(ds: readonly Diagnostic[]): string {
  const { errors, warnings } = countSeverities(ds);
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
