// Scroll Depth trigger: vertical percentages as the reference export writes them (parameter list).
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import { boolean, template } from "../gtm-parameter.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function scrollDepthTrigger(t: SpecOf<"scroll_depth">, ctx: CompileContext): TriggerShape {
  ctx.builtIn("scroll_depth_threshold");
  ctx.builtIn("scroll_depth_units");
  const percents = [...new Set(t.percents)].sort((a, b) => a - b);
  return {
    type: "scrollDepth",
    filter: compileConditions(t.conditions, ctx),
    parameter: [
      template("verticalThresholdUnits", "PERCENT"),
      template("verticalThresholdsPercent", percents.join(",")),
      boolean("verticalThresholdOn", true),
      template("triggerStartOption", "WINDOW_LOAD"),
      boolean("horizontalThresholdOn", false),
    ],
  };
}
