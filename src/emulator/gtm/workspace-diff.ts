// Workspace changes and sync, as pure functions over entity sets. A workspace entity is "changed"
// when its content (everything but the fingerprint) differs from the version it was based on.

import { fingerprintAt } from "../logical-clock.js";
import { builtInName, DEFAULT_BUILT_INS } from "./built-in-variables.js";
import { ALL_KINDS, entityKey } from "./kinds.js";
import {
  type EntitySet,
  emptyEntitySet,
  type GtmContainer,
  type GtmEntityKind,
  type GtmVersion,
  type GtmWorkspace,
  type MergeConflictRecord,
  type StoredEntity,
} from "./types.js";

export interface WorkspaceChange {
  kind: GtmEntityKind;
  key: string;
  changeStatus: "added" | "deleted" | "updated";
  entity: StoredEntity;
}

export function latestVersion(container: GtmContainer): GtmVersion | undefined {
  return container.versions.filter((v) => !v.deleted).at(-1);
}

/** What a new container's workspace starts from: no entities, GTM's default built-ins. */
export function initialEntities(): EntitySet {
  const set = emptyEntitySet();
  for (const type of DEFAULT_BUILT_INS) {
    set.builtInVariable.push({ type, name: builtInName(type), fingerprint: fingerprintAt(0) });
  }
  return set;
}

export function baseEntities(container: GtmContainer, ws: GtmWorkspace): EntitySet {
  const base = container.versions.find((v) => v.containerVersionId === ws.baseVersionId);
  return base ? base.entities : initialEntities();
}

export function sameContent(a: StoredEntity | undefined | null, b: StoredEntity | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  return stableJson({ ...a, fingerprint: "" }) === stableJson({ ...b, fingerprint: "" });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function byKey(kind: GtmEntityKind, list: StoredEntity[]): Map<string, StoredEntity> {
  return new Map(list.map((e) => [entityKey(kind, e), e]));
}

export function workspaceChanges(base: EntitySet, ws: EntitySet): WorkspaceChange[] {
  const changes: WorkspaceChange[] = [];
  for (const kind of ALL_KINDS) {
    const before = byKey(kind, base[kind]);
    const after = byKey(kind, ws[kind]);
    for (const [key, entity] of after) {
      const old = before.get(key);
      if (!old) changes.push({ kind, key, changeStatus: "added", entity });
      else if (!sameContent(old, entity)) changes.push({ kind, key, changeStatus: "updated", entity });
    }
    for (const [key, entity] of before) {
      if (!after.has(key)) changes.push({ kind, key, changeStatus: "deleted", entity });
    }
  }
  return changes;
}

/**
 * Three-way merge: entities the workspace left alone follow the latest version; entities only the
 * workspace changed stay; entities both changed (differently) stay as in the workspace and conflict.
 */
export function syncEntities(
  base: EntitySet,
  latest: EntitySet,
  ws: EntitySet,
): { entities: EntitySet; conflicts: MergeConflictRecord[] } {
  const entities = emptyEntitySet();
  const conflicts: MergeConflictRecord[] = [];
  for (const kind of ALL_KINDS) {
    const b = byKey(kind, base[kind]);
    const l = byKey(kind, latest[kind]);
    const w = byKey(kind, ws[kind]);
    const keys = [...new Set([...w.keys(), ...l.keys(), ...b.keys()])];
    for (const key of keys) {
      const [be, le, we] = [b.get(key), l.get(key), w.get(key)];
      const wsChanged = !sameContent(be, we);
      const latestChanged = !sameContent(be, le);
      let result: StoredEntity | undefined;
      if (!wsChanged) result = le;
      else if (!latestChanged || sameContent(we, le)) result = we;
      else {
        result = we;
        conflicts.push({ kind, key, inWorkspace: we ?? null, inLatest: le ?? null });
      }
      if (result) entities[kind].push(result);
    }
  }
  return { entities, conflicts };
}
