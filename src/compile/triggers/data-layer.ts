// Custom Event trigger: exactly one customEventFilter on {{_event}} (the API rejects anything else:
// "Custom-event trigger must have exactly one custom-event filter"); extra conditions → `filter`.
import { compileConditions, gtmCondition } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function customEventTrigger(
  event: string,
  ctx: CompileContext,
  filter?: TriggerShape["filter"],
): TriggerShape {
  ctx.builtIn("event");
  return { type: "customEvent", customEventFilter: [gtmCondition("equals", "{{_event}}", event)], filter };
}

export function dataLayerTrigger(t: SpecOf<"data_layer">, ctx: CompileContext): TriggerShape {
  return customEventTrigger(t.event, ctx, compileConditions(t.conditions, ctx));
}
