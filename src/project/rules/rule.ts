// What a semantic rule is: a pure check over the normalized Project that returns findings pointing
// at SourceRefs; the runner (spec/run-rules.ts) turns them into located Diagnostics.
import type { Severity } from "../diagnostic.js";
import type { Project, SourceRef } from "../model.js";

export interface RuleContext {
  /** Whether the spec spells out the node at this ref (e.g. an explicit `event:`). */
  has(ref: SourceRef): boolean;
}

export interface Finding {
  message: string;
  at: SourceRef;
  /** Point at the mapping key rather than its value (e.g. a parameter's name). */
  atKey?: boolean;
  hint?: string;
  /** Overrides the rule's default severity. */
  severity?: Severity;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for docs/spec.md and `--format json` consumers. */
  summary: string;
  check(project: Project, ctx: RuleContext): Finding[];
}
