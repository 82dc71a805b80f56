// What a tag's ownership hash covers. GTM stores a tag's triggers as server ids, and a trigger whose
// content changes is updated in place (same name, same id; plan/diff-gtm.ts), while its
// content-addressed key changes. Hashing the tag over its triggers' NAMES therefore changes the
// hash exactly when what GTM stores changes: a one-goal trigger edit is one write, not two.
import type { GtmTagBody } from "./desired-state.js";

/** The tag body with each trigger reference (key or server id) replaced by that trigger's name. */
export function tagAsStored<B extends object>(body: B, triggerName: (ref: string) => string | undefined): B {
  const refs = (body as { firingTriggerId?: unknown }).firingTriggerId;
  if (!Array.isArray(refs)) return body;
  return { ...body, firingTriggerId: (refs as string[]).map((ref) => triggerName(ref) ?? ref) };
}

export type TagBodyWithoutNotes = Omit<GtmTagBody, "notes">;
