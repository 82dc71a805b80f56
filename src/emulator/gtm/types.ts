// GTM emulator state as plain JSON (persisted as-is). Entities are stored as the client sent them,
// minus server-owned fields (paths, parent ids, URLs), plus their id and fingerprint.

export type GtmKind = "tag" | "trigger" | "variable" | "folder";
export type GtmEntityKind = GtmKind | "builtInVariable";

export type JsonObject = Record<string, unknown>;

export interface StoredEntity extends JsonObject {
  fingerprint: string;
}

/** Everything a workspace edits and a version snapshots. Built-in variables are keyed by `type`. */
export type EntitySet = Record<GtmEntityKind, StoredEntity[]>;

/** A conflict left by sync: both the workspace and the latest version changed the same entity. */
export interface MergeConflictRecord {
  kind: GtmEntityKind;
  key: string;
  inWorkspace: StoredEntity | null;
  inLatest: StoredEntity | null;
}

export interface GtmWorkspace {
  workspaceId: string;
  name: string;
  description?: string;
  fingerprint: string;
  /** The container version this workspace was forked from or last synced to (null: none existed). */
  baseVersionId: string | null;
  entities: EntitySet;
  conflicts: MergeConflictRecord[];
}

export interface GtmVersion {
  containerVersionId: string;
  name: string;
  description: string;
  fingerprint: string;
  deleted: boolean;
  entities: EntitySet;
}

export interface GtmContainer {
  containerId: string;
  name: string;
  publicId: string;
  usageContext: string[];
  fingerprint: string;
  /** Tag, trigger, variable and folder ids share one counter per container, as in GTM. */
  nextEntityId: number;
  nextWorkspaceId: number;
  nextVersionId: number;
  workspaces: GtmWorkspace[];
  versions: GtmVersion[];
  liveVersionId: string | null;
  /** User environments (staging, …); Live and Latest are derived. Absent in older state files. */
  environments?: GtmEnvironment[];
  nextEnvironmentId?: number;
}

/** A user-defined GTM environment: a name, a preview URL and a pointer to a container version. */
export interface GtmEnvironment {
  environmentId: string;
  name: string;
  description: string;
  url: string;
  enableDebug: boolean;
  containerVersionId: string;
  authorizationCode: string;
  authorizationTimestamp: string;
  fingerprint: string;
}

export interface GtmAccount {
  accountId: string;
  name: string;
  fingerprint: string;
  containers: GtmContainer[];
}

export interface GtmState {
  accounts: GtmAccount[];
  nextContainerId: number;
  /** create_version calls that will answer compilerError regardless of content (control API). */
  pendingCompilerErrors: number;
}

export function emptyEntitySet(): EntitySet {
  return { tag: [], trigger: [], variable: [], folder: [], builtInVariable: [] };
}
