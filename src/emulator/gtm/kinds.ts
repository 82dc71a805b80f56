// Per-kind naming: URL collection, id field, and the key that identifies an entity across versions.
import type { GtmEntityKind, GtmKind, StoredEntity } from "./types.js";

export const KINDS: Record<GtmKind, { collection: string; idField: string; label: string }> = {
  tag: { collection: "tags", idField: "tagId", label: "tag" },
  trigger: { collection: "triggers", idField: "triggerId", label: "trigger" },
  variable: { collection: "variables", idField: "variableId", label: "variable" },
  folder: { collection: "folders", idField: "folderId", label: "folder" },
};

export const ALL_KINDS: GtmEntityKind[] = ["tag", "trigger", "variable", "folder", "builtInVariable"];

export function entityKey(kind: GtmEntityKind, entity: StoredEntity): string {
  return kind === "builtInVariable" ? String(entity.type) : String(entity[KINDS[kind].idField]);
}
