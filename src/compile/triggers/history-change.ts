// History Change trigger (single-page-app route changes); conditions → `filter`.
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function historyChangeTrigger(t: SpecOf<"history_change">, ctx: CompileContext): TriggerShape {
  // GTM fills {{Page Path}} from the new URL on gtm.historyChange, so path conditions work as-is.
  return { type: "historyChange", filter: compileConditions(t.conditions, ctx) };
}
