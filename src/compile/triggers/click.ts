// Click - All Elements trigger (API type "click"): selector/id/classes/text shorthands arrive as
// conditions on click variables → `filter` (as in the reference export's CLICK triggers).
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function clickTrigger(t: SpecOf<"click">, ctx: CompileContext): TriggerShape {
  ctx.builtIn("click_element"); // the click variables GTM needs enabled for this trigger kind
  return { type: "click", filter: compileConditions(t.conditions, ctx) };
}
