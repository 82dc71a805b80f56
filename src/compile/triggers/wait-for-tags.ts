// The waitForTags / checkValidation / waitForTagsTimeout / uniqueTriggerId fields shared by Link
// Click (seen in the reference export) and Form Submission (API reference: "Only valid for Form
// Submission and Link Click triggers"). GTM writes a 2000 ms timeout even when not waiting.
import { allPagesAutoEventFilter } from "../conditions.js";
import type { CompileContext } from "../context.js";
import { boolean, template } from "../gtm-parameter.js";
import type { TriggerShape } from "./trigger-shape.js";

export const DEFAULT_WAIT_MS = 2000;

export function waitForTagsFields(
  waitForTagsMs: number | undefined,
  checkValidation: boolean,
  ctx: CompileContext,
): Partial<TriggerShape> {
  const fields: Partial<TriggerShape> = {
    waitForTags: boolean(undefined, waitForTagsMs !== undefined),
    checkValidation: boolean(undefined, checkValidation),
    waitForTagsTimeout: template(undefined, String(waitForTagsMs ?? DEFAULT_WAIT_MS)),
    uniqueTriggerId: { type: "template" },
  };
  // With either option on, GTM requires "Enable this trigger when" conditions (autoEventFilter).
  if (waitForTagsMs !== undefined || checkValidation) fields.autoEventFilter = allPagesAutoEventFilter(ctx);
  return fields;
}
