// desired − live for GTM. Ownership is the marker in notes, never the name: entities without it are
// foreign and never touched. An owned entity whose content no longer hashes to its marker was edited
// by a person (drift): reported and left alone unless forced.
import type { DesiredState, Owned } from "../compile/desired-state.js";
import { parseMarker } from "../compile/ownership.js";
import { duplicateChanges } from "./duplicate-entities.js";
import { fieldDiff } from "./field-diff.js";
import { keepReferenced } from "./foreign-references.js";
import type { LiveEntity, LiveGtm } from "./live-state.js";
import type { GtmChange, GtmKind } from "./model.js";
import { normalizeLive } from "./normalize.js";
import { type LiveTriggerRefs, liveTriggerRefs, unedited } from "./unedited.js";

export interface GtmDiff {
  changes: GtmChange[];
  enableBuiltIns: string[];
  /** Keys of owned entities that exist but sit outside our folder. */
  moveToFolder: string[];
  warnings: string[];
  /** Problems apply cannot work around (a foreign entity holds a name we must create). */
  conflicts: string[];
}

const KINDS: GtmKind[] = ["variable", "trigger", "tag"];

export function diffGtm(
  desired: DesiredState["gtm"],
  live: LiveGtm,
  folderId: string | undefined,
  force: boolean,
): GtmDiff {
  const triggerKeyById = ownedKeyById(live.triggers);
  const refs = liveTriggerRefs(live.triggers, triggerKeyById);
  const out: GtmDiff = {
    changes: [],
    enableBuiltIns: desired.builtInVariables.filter((t) => !live.builtInVariables.includes(t)).sort(),
    moveToFolder: [],
    warnings: [],
    conflicts: [],
  };
  const wanted: Record<GtmKind, Owned<{ name: string; notes: string }>[]> = {
    variable: desired.variables,
    trigger: desired.triggers,
    tag: desired.tags,
  };
  const liveOf: Record<GtmKind, LiveEntity[]> = {
    variable: live.variables,
    trigger: live.triggers,
    tag: live.tags,
  };
  for (const kind of KINDS) {
    const d = diffKind(kind, wanted[kind], liveOf[kind], refs, force, out.warnings, out.conflicts);
    out.changes.push(...d.changes);
    for (const e of d.kept)
      if (folderId === undefined || e.entity.parentFolderId !== folderId) out.moveToFolder.push(e.key);
  }
  out.changes = keepReferenced(out.changes, live, out.warnings);
  return out;
}

export function ownedKeyById(entities: LiveEntity[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entities) {
    const marker = parseMarker(e.raw.notes as string | undefined);
    if (marker) m.set(e.id, marker.key);
  }
  return m;
}

/** Live entities carrying our marker, by key; duplicates (an earlier lost create) sorted by id. */
export function ownedByKey(entities: LiveEntity[]): Map<string, LiveEntity[]> {
  const m = new Map<string, LiveEntity[]>();
  for (const e of entities) {
    const marker = parseMarker(e.raw.notes as string | undefined);
    if (!marker) continue;
    m.set(marker.key, [...(m.get(marker.key) ?? []), e]);
  }
  for (const list of m.values()) list.sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  return m;
}

function diffKind(
  kind: GtmKind,
  desired: Owned<{ name: string; notes: string }>[],
  live: LiveEntity[],
  refs: LiveTriggerRefs,
  force: boolean,
  warnings: string[],
  conflicts: string[],
): { changes: GtmChange[]; kept: { key: string; entity: LiveEntity }[] } {
  const triggerKeyById = refs.keyById;
  const owned = ownedByKey(live);
  const foreignNames = new Set(
    live.filter((e) => !parseMarker(e.raw.notes as string)).map((e) => e.raw.name),
  );
  const changes: GtmChange[] = [];
  const kept: { key: string; entity: LiveEntity }[] = [];
  const desiredKeys = new Set(desired.map((d) => d.key));

  for (const d of [...desired].sort((a, b) => a.key.localeCompare(b.key))) {
    const base = { kind, key: d.key, name: d.body.name, goals: d.goals };
    const [primary, ...extras] = owned.get(d.key) ?? [];
    changes.push(...duplicateChanges(kind, d.key, d.body.name, extras, triggerKeyById, force, warnings));
    if (!primary) {
      // GTM rejects duplicate names, and the foreign one is never touched: the user must decide.
      if (foreignNames.has(d.body.name))
        conflicts.push(
          `a ${kind} named "${d.body.name}" exists without the microgoals marker; rename it in GTM or add the marker line to its notes to hand it to microgoals`,
        );
      changes.push({ ...base, action: "create", body: d.body as GtmChange["body"], hash: d.hash });
      continue;
    }
    const liveBody = normalizeLive(kind, primary.raw, triggerKeyById);
    const marker = parseMarker(primary.raw.notes as string)!;
    const drifted = !unedited(kind, primary.raw, refs, marker.hash);
    const diff = fieldDiff(withoutNotes(liveBody), withoutNotes(d.body));
    if (drifted && !force) {
      changes.push({ ...base, action: "drift", id: primary.id, diff, note: driftNote(kind) });
      warnings.push(
        `${kind} "${d.body.name}" was edited in GTM since the last deploy; left alone (use --force)`,
      );
    } else if (!drifted && marker.hash === d.hash) {
      changes.push({ ...base, action: "noop", id: primary.id });
      kept.push({ key: d.key, entity: primary }); // updates carry the folder in their body
    } else {
      const note = drifted ? "overwrites a manual edit (--force)" : undefined;
      changes.push({
        ...base,
        action: "update",
        id: primary.id,
        body: d.body as GtmChange["body"],
        hash: d.hash,
        diff,
        note,
      });
    }
  }

  for (const [key, list] of [...owned].sort(([a], [b]) => a.localeCompare(b))) {
    if (desiredKeys.has(key)) continue;
    for (const e of list) {
      const name = String(e.raw.name ?? key);
      const marker = parseMarker(e.raw.notes as string)!;
      const drifted = !unedited(kind, e.raw, refs, marker.hash);
      const base = { kind, key, name, goals: [], id: e.id };
      if (drifted && !force) {
        changes.push({
          ...base,
          action: "drift",
          note: `${driftNote(kind)}; no longer in the spec, not deleted`,
        });
        warnings.push(
          `${kind} "${name}" is no longer in the spec but was edited in GTM; not deleted (use --force)`,
        );
      } else changes.push({ ...base, action: "delete" });
    }
  }
  return { changes: replaceInPlace(kind, changes, live, triggerKeyById), kept };
}

/**
 * A create and a delete with the same name (a goal's content-addressed trigger key changed) become
 * one update of the old entity: GTM rejects duplicate names, and the entity keeps its id.
 */
function replaceInPlace(
  kind: GtmKind,
  changes: GtmChange[],
  live: LiveEntity[],
  triggerKeyById: ReadonlyMap<string, string>,
): GtmChange[] {
  const deletes = new Map(changes.filter((c) => c.action === "delete" && !c.note).map((c) => [c.name, c]));
  const used = new Set<GtmChange>();
  const out: GtmChange[] = [];
  for (const c of changes) {
    const old = c.action === "create" ? deletes.get(c.name) : undefined;
    if (!old || used.has(old)) {
      out.push(c);
      continue;
    }
    used.add(old);
    const entity = live.find((e) => e.id === old.id)!;
    const diff = fieldDiff(
      withoutNotes(normalizeLive(kind, entity.raw, triggerKeyById)),
      withoutNotes(c.body!),
    );
    out.push({ ...c, action: "update", id: old.id, diff, note: `replaces ${old.key}` });
  }
  return out.filter((c) => !used.has(c));
}

function driftNote(kind: GtmKind): string {
  return `${kind} edited outside microgoals since the last deploy`;
}

function withoutNotes(body: object): Record<string, unknown> {
  const { notes: _n, ...rest } = body as Record<string, unknown>;
  return rest;
}
