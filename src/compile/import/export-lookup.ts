// Read-only view of a container export for import: entities converted to API shape and indexed.
import type { GtmParameter, GtmTagBody, GtmTriggerBody, GtmVariableBody } from "../desired-state.js";
import { tagFromExport, triggerFromExport, variableFromExport } from "../export-format.js";

type Json = Record<string, unknown>;
export type ImportedTrigger = Omit<GtmTriggerBody, "notes"> & { triggerId?: string; notes?: string };
export type ImportedTag = Omit<GtmTagBody, "notes"> & {
  tagId?: string;
  notes?: string;
  blockingTriggerId?: string[];
};
export type ImportedVariable = Omit<GtmVariableBody, "notes"> & { notes?: string };

export interface ExportLookup {
  tags: ImportedTag[];
  triggers: Map<string, ImportedTrigger>;
  variables: Map<string, ImportedVariable>; // by name
}

const arr = (v: unknown): Json[] =>
  Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as Json[]) : [];

/** Tolerates anything: a missing section is empty, malformed entities are dropped by the callers. */
export function exportLookup(file: unknown): ExportLookup {
  const cv = ((file as Json | null)?.containerVersion ?? {}) as Json;
  const triggers = new Map<string, ImportedTrigger>();
  for (const t of arr(cv.trigger))
    triggers.set(String(t.triggerId), triggerFromExport(t) as unknown as ImportedTrigger);
  const variables = new Map<string, ImportedVariable>();
  for (const v of arr(cv.variable))
    variables.set(String(v.name), variableFromExport(v) as unknown as ImportedVariable);
  const tags = arr(cv.tag).map((t) => {
    const tag = tagFromExport(t) as unknown as ImportedTag;
    return {
      ...tag,
      parameter: Array.isArray(tag.parameter) ? tag.parameter : [],
      firingTriggerId: arr2(tag.firingTriggerId),
    };
  });
  return { tags, triggers, variables };
}

function arr2(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

export function param(params: GtmParameter[] | undefined, key: string): GtmParameter | undefined {
  return Array.isArray(params) ? params.find((p) => p?.key === key) : undefined;
}
