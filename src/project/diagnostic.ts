// A finding about the spec, located at a file:line:col. Produced by the loader (YAML errors),
// the schema check and every semantic rule; printed by spec/format/*.
import type { Position } from "./model.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. "event-name-length", "yaml-syntax", "schema". Documented in README. */
  rule: string;
  message: string;
  position: Position;
  /** What to do about it, when the rule knows. */
  hint?: string;
}
