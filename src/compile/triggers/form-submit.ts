// Form Submission trigger (API type "formSubmission"). Not present in the reference exports: the
// shape follows the GTM API v2 Trigger resource (waitForTags, checkValidation, waitForTagsTimeout
// are "only valid for Form Submission and Link Click triggers"), i.e. the same fields as linkClick.
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";
import { waitForTagsFields } from "./wait-for-tags.js";

export function formSubmitTrigger(t: SpecOf<"form_submit">, ctx: CompileContext): TriggerShape {
  ctx.builtIn("form_id");
  return {
    type: "formSubmission",
    filter: compileConditions(t.conditions, ctx),
    ...waitForTagsFields(t.waitForTagsMs, t.checkValidation, ctx),
  };
}
