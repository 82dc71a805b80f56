// The plan: what apply will do, made of plain data so it can be rendered, saved as JSON and applied
// later. GTM changes carry live ids (not paths: the workspace may be recreated between plan and apply).

import type {
  DesiredAudience,
  DesiredCustomDimension,
  DesiredKeyEvent,
  GtmTagBody,
  GtmTriggerBody,
  GtmVariableBody,
} from "../compile/desired-state.js";

export type GtmKind = "variable" | "trigger" | "tag";
export type Action = "create" | "update" | "delete" | "drift" | "noop";

export interface FieldDiff {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface GtmChange {
  kind: GtmKind;
  action: Action;
  key: string;
  name: string;
  goals: string[];
  /** Live entity id (update, delete, drift, noop). */
  id?: string;
  /** Desired body (create, update); tag triggers are KEYS, remapped to ids at apply. */
  body?: GtmVariableBody | GtmTriggerBody | GtmTagBody;
  /** Hash the desired body carries in its marker (recognises an applied create/update on retry). */
  hash?: string;
  diff?: FieldDiff[];
  /** Why: drift explanation, duplicate removal, forced overwrite. */
  note?: string;
}

export interface Ga4Change {
  kind: "keyEvent" | "customDimension";
  action: Action;
  key: string; // eventName or parameterName
  goals: string[];
  /** Resource name of the live object (properties/1/keyEvents/2). */
  name?: string;
  keyEvent?: DesiredKeyEvent;
  customDimension?: DesiredCustomDimension;
  diff?: FieldDiff[];
  note?: string;
}

/** One audience line of the plan (plan/diff-audiences.ts). */
export interface AudienceChange {
  kind: "audience";
  action: Action;
  key: string; // audience:<id>
  displayName: string;
  goals: string[];
  /** Live resource name (properties/1/audiences/2) for update, delete, drift, noop. */
  name?: string;
  audience?: DesiredAudience;
  /** update only: true when immutable fields changed, so apply archives and creates anew. */
  replace?: boolean;
  diff?: FieldDiff[];
  note?: string;
}

/** What the saved plan was made against: apply refuses when any of this changed. */
export interface LiveFingerprint {
  /** "variable:12" → fingerprint (from the workspace) or content hash (from a version / GA4). */
  entities: Record<string, string>;
  source: "workspace" | "version" | "empty";
}

export interface Estimate {
  /** GTM reads apply makes before writing (paging not counted). */
  gtmReads: number;
  /** GTM writes, workspace create/sync included. */
  gtmWrites: number;
  /** Of gtmWrites: creating or syncing the workspace (0 or 1). */
  workspaceWrites: number;
  ga4Writes: number;
  /** Quota-bound seconds for apply's GTM calls from an empty window (src/plan/estimate.ts). */
  seconds: number;
  /** The same with --publish (create_version + publish). */
  publishSeconds: number;
}

export interface Plan {
  format: "microgoals-plan/1";
  target: string;
  gtm: {
    accountId: string;
    containerId: string;
    workspaceName: string;
    /** --publish points this GTM environment at the new version instead of publishing live. */
    environment?: string;
    folderName: string;
    /** Built-in variable types to enable (camelCase). Built-ins are never disabled. */
    enableBuiltIns: string[];
    /** Create the folder, rewrite its notes (key-event ledger), or nothing. */
    folder: { action: "create" | "update" | "noop"; id?: string; notes: string };
    /** Keys of owned entities to move into the folder (created ones are always moved). */
    moveToFolder: string[];
    changes: GtmChange[];
  };
  /** audiences: absent when the spec has none and GA4 holds none of ours. */
  ga4: { propertyId: string; changes: Ga4Change[]; audiences?: AudienceChange[] };
  live: LiveFingerprint;
  estimate: Estimate;
  /** Warnings the reader must see (drift left alone, foreign objects kept). */
  warnings: string[];
  /** Blocking problems: apply refuses to start while any remain. */
  conflicts: string[];
}

export function hasChanges(plan: Plan): boolean {
  return (
    plan.gtm.enableBuiltIns.length > 0 ||
    plan.gtm.folder.action !== "noop" ||
    plan.gtm.moveToFolder.length > 0 ||
    plan.gtm.changes.some((c) => isWrite(c.action)) ||
    plan.ga4.changes.some((c) => isWrite(c.action)) ||
    (plan.ga4.audiences ?? []).some((c) => isWrite(c.action))
  );
}

export function isWrite(action: Action): boolean {
  return action === "create" || action === "update" || action === "delete";
}
