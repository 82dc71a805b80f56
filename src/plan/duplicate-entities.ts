// More than one live entity carrying the marker of one goal entity. An exact copy (same content
// hash) can only be a create whose answer was lost and that GTM still accepted: deleting it is safe.
// A copy a person made in the UI keeps the notes (marker) but not the content (GTM renames it
// "Copy of …", and it is usually edited): that is drift, named by its own name and id, and it is
// never deleted without --force.
import { parseMarker } from "../compile/ownership.js";
import type { LiveEntity } from "./live-state.js";
import type { GtmChange, GtmKind } from "./model.js";
import { matchesHash, normalizeLive } from "./normalize.js";

export function duplicateChanges(
  kind: GtmKind,
  key: string,
  originalName: string,
  extras: LiveEntity[],
  triggerKeyById: ReadonlyMap<string, string>,
  force: boolean,
  warnings: string[],
): GtmChange[] {
  return extras.map((dup) => {
    const name = String(dup.raw.name ?? originalName);
    const marker = parseMarker(dup.raw.notes as string | undefined)!;
    const drifted = !matchesHash(normalizeLive(kind, dup.raw, triggerKeyById), marker.hash);
    const base = { kind, key, name, goals: [], id: dup.id };
    if (!drifted) return { ...base, action: "delete", note: `duplicate of ${kind} "${originalName}"` };
    if (force)
      return { ...base, action: "delete", note: `copy of ${kind} "${originalName}" edited in GTM (--force)` };
    warnings.push(
      `${kind} "${name}" (id ${dup.id}) carries the marker of "${originalName}" but was edited in GTM (a copy?); left alone (use --force to delete it)`,
    );
    return {
      ...base,
      action: "drift",
      note: `copy of ${kind} "${originalName}" edited outside microgoals; not deleted`,
    };
  });
}
