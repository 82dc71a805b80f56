// Turns a live GTM entity back into the body shape the compiler produces, so the same content hash
// (compile/ownership.ts) can tell whether someone edited it since microgoals wrote it.
import { contentHash } from "../compile/ownership.js";
import type { GtmKind } from "./model.js";

const BODY_FIELDS: Record<GtmKind, string[]> = {
  variable: ["name", "type", "parameter", "notes"],
  trigger: [
    "name",
    "type",
    "filter",
    "autoEventFilter",
    "customEventFilter",
    "parameter",
    "waitForTags",
    "checkValidation",
    "waitForTagsTimeout",
    "uniqueTriggerId",
    "interval",
    "limit",
    "eventName",
    "verticalScrollPercentageList",
    "visibilitySelector",
    "visiblePercentageMin",
    "notes",
  ],
  tag: ["name", "type", "parameter", "firingTriggerId", "tagFiringOption", "consentSettings", "notes"],
};

/** Picks the body fields; tag trigger ids become trigger keys where the trigger is ours. */
export function normalizeLive(
  kind: GtmKind,
  raw: Record<string, unknown>,
  triggerKeyById: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of BODY_FIELDS[kind])
    if (raw[field] !== undefined && raw[field] !== null) body[field] = raw[field];
  // GTM reports a tag without consent settings as {consentStatus: "notSet"}: the compiler's "absent".
  if (
    kind === "tag" &&
    (body.consentSettings as { consentStatus?: unknown } | undefined)?.consentStatus === "notSet"
  )
    delete body.consentSettings;
  if (kind === "tag" && Array.isArray(body.firingTriggerId))
    body.firingTriggerId = (body.firingTriggerId as string[]).map((id) => triggerKeyById.get(id) ?? id);
  return body;
}

/**
 * True when the live body still hashes to `hash`. Servers fill in defaults the compiler may have
 * left out (tagFiringOption, empty lists), so a body matches if any default-stripped variant does.
 */
export function matchesHash(body: Record<string, unknown>, hash: string): boolean {
  return variants(body).some((v) => contentHash(v) === hash);
}

function variants(body: Record<string, unknown>): Record<string, unknown>[] {
  const stripped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v) && v.length === 0) continue;
    if (k === "tagFiringOption" && v === "oncePerEvent") continue;
    stripped[k] = v;
  }
  return [body, stripped];
}
