// Element Visibility trigger. Not in the reference exports; the API reference marks the top-level
// visibilitySelector / visiblePercentageMin fields "only valid for AMP", so web containers carry
// the settings in `parameter` with the keys GTM's UI writes (selectorType, elementSelector,
// firingFrequency ONCE | ONCE_PER_ELEMENT | MANY_PER_ELEMENT, onScreenRatio, useOnScreenDuration,
// onScreenDuration, useDomChangeListener).
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { GtmParameter } from "../desired-state.js";
import { boolean, template } from "../gtm-parameter.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export const FIRING_FREQUENCY = {
  once_per_page: "ONCE",
  once_per_element: "ONCE_PER_ELEMENT",
  every_time: "MANY_PER_ELEMENT",
} as const;

export function elementVisibilityTrigger(t: SpecOf<"element_visibility">, ctx: CompileContext): TriggerShape {
  ctx.builtIn("percent_visible");
  ctx.builtIn("on_screen_duration");
  const parameter: GtmParameter[] = [
    template("selectorType", "CSS"),
    template("elementSelector", t.selector),
    template("firingFrequency", FIRING_FREQUENCY[t.firing]),
    template("onScreenRatio", String(t.minPercentVisible)),
    boolean("useOnScreenDuration", t.minOnScreenMs !== undefined),
    boolean("useDomChangeListener", t.observeDomChanges),
  ];
  if (t.minOnScreenMs !== undefined) parameter.push(template("onScreenDuration", String(t.minOnScreenMs)));
  return { type: "elementVisibility", filter: compileConditions(t.conditions, ctx), parameter };
}
