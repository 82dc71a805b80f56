// Whether an owned live entity still holds what microgoals wrote (its marker's hash). Tags are
// hashed over their triggers' names (compile/tag-hash.ts); tags written before that carry a hash
// over trigger keys, which still counts as unedited (their next change rewrites the marker).
import type { GtmKind } from "./model.js";
import { matchesHash, normalizeLive } from "./normalize.js";

export interface LiveTriggerRefs {
  /** Live trigger id → our trigger key (triggers carrying our marker). */
  keyById: ReadonlyMap<string, string>;
  /** Live trigger id → its name (every trigger). */
  nameById: ReadonlyMap<string, string>;
}

export function liveTriggerRefs(
  triggers: { id: string; raw: Record<string, unknown> }[],
  keyById: ReadonlyMap<string, string>,
): LiveTriggerRefs {
  return { keyById, nameById: new Map(triggers.map((t) => [t.id, String(t.raw.name ?? t.id)])) };
}

export function unedited(
  kind: GtmKind,
  raw: Record<string, unknown>,
  refs: LiveTriggerRefs,
  hash: string,
): boolean {
  if (matchesHash(normalizeLive(kind, raw, refs.nameById), hash)) return true;
  return kind === "tag" && matchesHash(normalizeLive(kind, raw, refs.keyById), hash);
}
