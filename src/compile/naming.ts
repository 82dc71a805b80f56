// Names shown in the GTM web UI. Readable, prefixed so they sort together, and derived only from
// the spec so they are stable across runs.
import type { Goal, TriggerKind } from "../project/model.js";

export const FOLDER_NAME = "microgoals";
export const SEP = " · ";
export const MEASUREMENT_ID_VARIABLE = `microgoals${SEP}GA4 measurement ID`;

export function tagName(goal: Pick<Goal, "kind" | "id">): string {
  return `microgoals${SEP}${goal.kind}${SEP}${goal.id}`;
}

export function triggerName(kind: TriggerKind, label: string): string {
  return `microgoals${SEP}trigger${SEP}${kind}${SEP}${label}`;
}

export function dataLayerVariableName(path: string): string {
  return `microgoals${SEP}DLV${SEP}${path}`;
}

export function formFieldVariableName(field: string): string {
  return `microgoals${SEP}form field${SEP}${field}`;
}

export function ref(variableName: string): string {
  return `{{${variableName}}}`;
}

/** Parses a tag name we wrote back into kind and goal id (used by import for round trips). */
export function parseTagName(name: string): { kind: "macro" | "micro"; id: string } | undefined {
  const m = /^microgoals \u00b7 (macro|micro) \u00b7 ([A-Za-z0-9_]+)$/.exec(name);
  return m ? { kind: m[1] as "macro" | "micro", id: m[2] } : undefined;
}
