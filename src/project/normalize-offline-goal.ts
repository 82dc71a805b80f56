// `source: offline` goals: a macro conversion that happens off the site (a call, a signed deal).
// No trigger and no parameters (nothing fires on a page); the conversion reaches GA4 through the
// Measurement Protocol (`microgoals offline send`), and its key event is compiled as for any macro.
import type { TriggerSpec } from "./model.js";
import { childPointer } from "./pointer.js";
import type { ShapeIssue } from "./shape-issue.js";

type Raw = Record<string, unknown>;

export function offlineTrigger(raw: Raw, pointer: string, issues: ShapeIssue[]): TriggerSpec | undefined {
  const before = issues.length;
  if (raw.kind !== "macro") {
    issues.push({
      rule: "offline-goal",
      message: `Goal "${String(raw.id)}" is offline, and only macro goals can be: micro goals happen on the site.`,
      pointer: childPointer(pointer, "kind"),
      hint: "Use kind: macro, or remove source: offline.",
    });
  }
  for (const key of ["trigger", "params"] as const) {
    if (raw[key] === undefined) continue;
    issues.push({
      rule: "offline-goal",
      message: `Goal "${String(raw.id)}" is offline: it has no ${key === "trigger" ? "trigger (nothing fires on the site)" : "parameters (the Measurement Protocol rows carry value and currency)"}.`,
      pointer: childPointer(pointer, key),
      hint: `Remove "${key}", or remove source: offline.`,
    });
  }
  return issues.length === before ? { kind: "offline", conditions: [] } : undefined;
}

/** The goal is an offline conversion (no GTM entities). */
export function isOfflineGoal(goal: { trigger: TriggerSpec }): boolean {
  return goal.trigger.kind === "offline";
}
