// Page View trigger (API type "pageview"); path/url shorthands arrive as conditions → `filter`.
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function pageViewTrigger(t: SpecOf<"page_view">, ctx: CompileContext): TriggerShape {
  return { type: "pageview", filter: compileConditions(t.conditions, ctx) };
}
