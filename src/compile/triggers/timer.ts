// Timer trigger: eventName "gtm.timer", interval (ms) and optional limit as top-level fields; the
// page conditions go to autoEventFilter ("Enable this trigger when", required by GTM for timers).
import { allPagesAutoEventFilter, compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import { template } from "../gtm-parameter.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function timerTrigger(t: SpecOf<"timer">, ctx: CompileContext): TriggerShape {
  return {
    type: "timer",
    autoEventFilter: compileConditions(t.conditions, ctx) ?? allPagesAutoEventFilter(ctx),
    eventName: template(undefined, "gtm.timer"),
    interval: template(undefined, String(t.intervalMs)),
    limit: t.limit === undefined ? undefined : template(undefined, String(t.limit)),
  };
}
