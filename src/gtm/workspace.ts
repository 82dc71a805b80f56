// The dedicated workspace: found by name, created when missing, synced when behind the latest
// version. Its description records the version it is based on, so "behind" costs no extra call.
import { UserError } from "../errors.js";
import type { ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import { listAll } from "../google/paging.js";

export interface WorkspaceRef {
  id: string;
  path: string;
  /** Version the workspace was created from / last synced to, when we know it. */
  baseVersionId?: string;
  fingerprint: string;
}

const BASE_RE = /microgoals base version: (\S+)/;

export function containerPath(accountId: string, containerId: string): string {
  return `accounts/${accountId}/containers/${containerId}`;
}

export async function findWorkspace(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  name: string,
): Promise<WorkspaceRef | undefined> {
  const all = await listAll(caller, "workspaces.list", async (pageToken) => {
    const r = await gtm.accounts.containers.workspaces.list({ parent: container, pageToken });
    return { items: r.data.workspace, next: r.data.nextPageToken };
  });
  const ws = all.find((w) => w.name === name);
  return ws ? toRef(ws) : undefined;
}

function toRef(ws: {
  workspaceId?: string | null;
  path?: string | null;
  description?: string | null;
  fingerprint?: string | null;
}): WorkspaceRef {
  return {
    id: ws.workspaceId!,
    path: ws.path!,
    baseVersionId: BASE_RE.exec(ws.description ?? "")?.[1],
    fingerprint: ws.fingerprint ?? "",
  };
}

/** Latest (not deleted) container version id, or undefined when the container has none. */
export async function latestVersionId(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
): Promise<string | undefined> {
  try {
    const r = await caller.call("read", "version_headers.latest", () =>
      gtm.accounts.containers.version_headers.latest({ parent: container }),
    );
    const id = r.data.containerVersionId;
    return id && id !== "0" ? id : undefined;
  } catch (err) {
    if ((err as { facts?: { status?: number } }).facts?.status === 404) return undefined;
    throw err;
  }
}

export function description(baseVersionId: string | undefined): string {
  return `Deploy workspace of microgoals. microgoals base version: ${baseVersionId ?? "none"}`;
}

export async function createWorkspace(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  name: string,
  baseVersionId: string | undefined,
): Promise<WorkspaceRef> {
  // A lost create answer is recognised by name on retry instead of creating a second workspace.
  return caller.call(
    "write",
    "workspaces.create",
    async () =>
      toRef(
        (
          await gtm.accounts.containers.workspaces.create(
            { parent: container, requestBody: { name, description: description(baseVersionId) } },
            {},
          )
        ).data,
      ),
    { recover: () => findWorkspace(caller, gtm, container, name) },
  );
}

/** Brings the workspace up to the latest version; merge conflicts stop the deploy with a clear message. */
export async function syncWorkspace(
  caller: ApiCaller,
  gtm: TagManager,
  ws: WorkspaceRef,
): Promise<WorkspaceRef> {
  const r = await caller.call("write", "workspaces.sync", () =>
    gtm.accounts.containers.workspaces.sync({ path: ws.path }),
  );
  const conflicts = r.data.mergeConflict ?? [];
  if (conflicts.length > 0) throw conflictError(ws, conflicts);
  // The description keeps the creation base: rewriting it would cost a write on every sync, and a
  // sync of an up-to-date workspace is harmless. So a synced workspace is synced again by the next
  // apply that has changes (one write), never by a no-op run.
  return ws;
}

/** Reports conflicts left in the workspace (from an earlier sync). */
export async function checkConflicts(caller: ApiCaller, gtm: TagManager, ws: WorkspaceRef): Promise<void> {
  const r = await caller.call("read", "workspaces.getStatus", () =>
    gtm.accounts.containers.workspaces.getStatus({ path: ws.path }),
  );
  const conflicts = r.data.mergeConflict ?? [];
  if (conflicts.length > 0) throw conflictError(ws, conflicts);
}

interface Conflict {
  entityInWorkspace?: {
    tag?: { name?: string | null } | null;
    trigger?: { name?: string | null } | null;
    variable?: { name?: string | null } | null;
  } | null;
  entityInBaseVersion?: Conflict["entityInWorkspace"];
}

function conflictError(ws: WorkspaceRef, conflicts: Conflict[]): UserError {
  const names = conflicts.map((c) => {
    const e = c.entityInWorkspace ?? c.entityInBaseVersion;
    const named = e?.tag ?? e?.trigger ?? e?.variable;
    return named?.name ?? "an entity";
  });
  return new UserError(
    `workspace ${ws.path} has ${conflicts.length} merge conflict(s) with the latest version: ${names.join(", ")}`,
    1,
    "Someone published changes to the same entities. Resolve them in the GTM web UI (or delete the workspace) and run again.",
  );
}
