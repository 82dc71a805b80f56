// GA4 event tag (gaawe), one per goal: eventName, measurementIdOverride pointing at the constant
// variable, eventSettingsTable rows {parameter, parameterValue}, as in the reference exports.
import type { Goal } from "../../project/model.js";
import type { CompileContext } from "../context.js";
import type { GtmParameter, GtmTagBody } from "../desired-state.js";
import { boolean, list, settingsRow, template } from "../gtm-parameter.js";
import { MEASUREMENT_ID_VARIABLE, ref, tagName } from "../naming.js";

export function ga4EventTagKey(goalId: string): string {
  return `tag:goal:${goalId}`;
}

export function ga4EventTag(goal: Goal, triggerKey: string, ctx: CompileContext): Omit<GtmTagBody, "notes"> {
  const parameter: GtmParameter[] = [
    template("eventName", goal.event),
    template("measurementIdOverride", ref(MEASUREMENT_ID_VARIABLE)),
    boolean("sendEcommerceData", false),
  ];
  if (goal.params.length > 0) {
    parameter.push(
      list(
        "eventSettingsTable",
        goal.params.map((p) => settingsRow(p.name, ctx.value(p.from))),
      ),
    );
  }
  return {
    name: tagName(goal),
    type: "gaawe",
    parameter,
    firingTriggerId: [triggerKey],
    tagFiringOption: "oncePerEvent",
  };
}
