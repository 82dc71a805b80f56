// Runs semantic rules over a Project and locates their findings.
import type { Diagnostic } from "./diagnostic.js";
import type { Position, Project, SourceRef } from "./model.js";
import { rules as defaultRules, type Rule } from "./rules/index.js";

export interface Locator {
  locate(ref: SourceRef): Position;
  locateKey(ref: SourceRef): Position;
  has(ref: SourceRef): boolean;
}

export function runRules(
  project: Project,
  locator: Locator,
  rules: readonly Rule[] = defaultRules,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    for (const f of rule.check(project, { has: locator.has })) {
      out.push({
        severity: f.severity ?? rule.severity,
        rule: rule.id,
        message: f.message,
        position: f.atKey ? locator.locateKey(f.at) : locator.locate(f.at),
        ...(f.hint ? { hint: f.hint } : {}),
      });
    }
  }
  return out;
}
