// Reads live GTM state with a constant number of calls (one list per entity kind, plus paging):
// from our workspace when it exists, else from the latest version (what a new workspace starts from).
import { allInOrder } from "../google/all-in-order.js";
import type { ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import { listAll } from "../google/paging.js";
import type { LiveEntity, LiveFolder, LiveGtm } from "../plan/live-state.js";
import {
  checkConflicts,
  containerPath,
  findWorkspace,
  latestVersionId,
  type WorkspaceRef,
} from "./workspace.js";

export interface LiveRead {
  live: LiveGtm;
  workspace?: WorkspaceRef;
  latestVersionId?: string;
  /** The workspace is based on an older version than the latest: apply syncs it first. */
  behind: boolean;
}

export async function readLiveGtm(
  caller: ApiCaller,
  gtm: TagManager,
  target: { accountId: string; containerId: string; workspaceName: string },
): Promise<LiveRead> {
  // Every page is a paid call: the plan's estimate counts what this read cost (retries aside).
  const before = caller.budget.snapshot();
  const counted = (read: LiveRead): LiveRead => {
    const after = caller.budget.snapshot();
    return {
      ...read,
      live: { ...read.live, reads: after.reads - before.reads - (after.retries - before.retries) },
    };
  };
  const container = containerPath(target.accountId, target.containerId);
  const [workspace, latest] = await allInOrder([
    findWorkspace(caller, gtm, container, target.workspaceName),
    latestVersionId(caller, gtm, container),
  ]);
  if (!workspace) {
    return counted({
      live: latest ? await readVersion(caller, gtm, container, latest) : emptyLive(),
      latestVersionId: latest,
      behind: false,
    });
  }
  await checkConflicts(caller, gtm, workspace);
  const behind = latest !== undefined && workspace.baseVersionId !== latest;
  return counted({
    live: await readWorkspace(caller, gtm, workspace),
    workspace,
    latestVersionId: latest,
    behind,
  });
}

/**
 * Built-in variables GTM enables in a new container: a workspace created while the container has
 * no version starts with them (one created from a version has that version's built-ins).
 */
export const GTM_DEFAULT_BUILT_INS = ["event", "pageHostname", "pagePath", "pageUrl", "referrer"];

/** A container with no version: what a workspace created now would hold. */
export function emptyLive(): LiveGtm {
  return {
    source: "empty",
    builtInVariables: [...GTM_DEFAULT_BUILT_INS],
    folders: [],
    variables: [],
    triggers: [],
    tags: [],
  };
}

export async function readWorkspace(caller: ApiCaller, gtm: TagManager, ws: WorkspaceRef): Promise<LiveGtm> {
  const w = gtm.accounts.containers.workspaces;
  const opts = {};
  const parent = ws.path;
  const [tags, triggers, variables, builtIns, folders] = await allInOrder([
    listAll(caller, "tags.list", async (pageToken) => {
      const r = await w.tags.list({ parent, pageToken }, opts);
      return { items: r.data.tag, next: r.data.nextPageToken };
    }),
    listAll(caller, "triggers.list", async (pageToken) => {
      const r = await w.triggers.list({ parent, pageToken }, opts);
      return { items: r.data.trigger, next: r.data.nextPageToken };
    }),
    listAll(caller, "variables.list", async (pageToken) => {
      const r = await w.variables.list({ parent, pageToken }, opts);
      return { items: r.data.variable, next: r.data.nextPageToken };
    }),
    listAll(caller, "built_in_variables.list", async (pageToken) => {
      const r = await w.built_in_variables.list({ parent, pageToken }, opts);
      return { items: r.data.builtInVariable, next: r.data.nextPageToken };
    }),
    listAll(caller, "folders.list", async (pageToken) => {
      const r = await w.folders.list({ parent, pageToken }, opts);
      return { items: r.data.folder, next: r.data.nextPageToken };
    }),
  ]);
  return {
    source: "workspace",
    workspaceId: ws.id,
    builtInVariables: builtIns.map((b) => String(b.type)).sort(),
    folders: folders.map(toFolder),
    variables: variables.map((v) => toEntity(v as Record<string, unknown>, "variableId")),
    triggers: triggers.map((t) => toEntity(t as Record<string, unknown>, "triggerId")),
    tags: tags.map((t) => toEntity(t as Record<string, unknown>, "tagId")),
  };
}

async function readVersion(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  versionId: string,
): Promise<LiveGtm> {
  const r = await caller.call("read", "versions.get", () =>
    gtm.accounts.containers.versions.get({ path: `${container}/versions/${versionId}` }),
  );
  const v = r.data;
  return {
    source: "version",
    builtInVariables: (v.builtInVariable ?? []).map((b) => String(b.type)).sort(),
    folders: (v.folder ?? []).map(toFolder),
    variables: (v.variable ?? []).map((e) => toEntity(e as Record<string, unknown>, "variableId")),
    triggers: (v.trigger ?? []).map((e) => toEntity(e as Record<string, unknown>, "triggerId")),
    tags: (v.tag ?? []).map((e) => toEntity(e as Record<string, unknown>, "tagId")),
  };
}

function toEntity(raw: Record<string, unknown>, idField: string): LiveEntity {
  return {
    id: String(raw[idField]),
    fingerprint: String(raw.fingerprint ?? ""),
    parentFolderId: raw.parentFolderId ? String(raw.parentFolderId) : undefined,
    raw,
  };
}

function toFolder(f: {
  folderId?: string | null;
  name?: string | null;
  notes?: string | null;
  fingerprint?: string | null;
}): LiveFolder {
  return {
    id: String(f.folderId),
    name: f.name ?? "",
    notes: f.notes ?? undefined,
    fingerprint: f.fingerprint ?? "",
  };
}
