// Two applies on one workspace never duplicate anything (GTM refuses a second name, GA4 a second
// parameter or event), but the run that loses the race used to stop with a raw HTTP 400/404/409.
// There is no lock to take in GTM, so the other run is recognised by what it leaves behind: the
// entity we were creating now exists with our marker (same key), an update was overtaken by the same
// content, or the workspace we started in was created, published (deleted) or replaced meanwhile.

import { parseMarker } from "../compile/ownership.js";
import { UserError } from "../errors.js";
import { ApiCallError, type ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import type { GtmChange } from "../plan/model.js";
import { findWorkspace, type WorkspaceRef } from "./workspace.js";

/** The reads of a workspace found a moment before (read-live.ts). */
const WORKSPACE_READS = new Set([
  "workspaces.getStatus",
  "tags.list",
  "triggers.list",
  "variables.list",
  "built_in_variables.list",
  "folders.list",
]);

export const ANOTHER_APPLY = "another apply is running on this workspace; re-run when it ends";

export class ConcurrentApplyError extends UserError {
  constructor(evidence: string) {
    super(
      ANOTHER_APPLY,
      1,
      `${evidence}. Nothing is duplicated or lost: the next run finishes what is left.`,
    );
    this.name = "ConcurrentApplyError";
  }
}

function status(err: unknown): number | undefined {
  return err instanceof ApiCallError ? err.facts.status : undefined;
}

/** A create refused (400 duplicate name, 409 already exists): made meanwhile by another microgoals run? */
export async function explainCreateFailure(
  err: unknown,
  kind: string,
  c: GtmChange,
  list: () => Promise<Record<string, unknown>[]>,
): Promise<unknown> {
  if (status(err) !== 400 && status(err) !== 409) return err;
  const name = c.body?.name ?? c.name;
  const holder = (await list().catch(() => [])).find((e) => e.name === name);
  if (holder && parseMarker(holder.notes as string | undefined)?.key === c.key)
    return new ConcurrentApplyError(
      `${kind} "${name}" was created by another run while this one was applying`,
    );
  return err;
}

/** An update refused for a stale fingerprint (409): overtaken by another run writing the same content? */
export async function explainUpdateFailure(
  err: unknown,
  kind: string,
  c: GtmChange,
  get: () => Promise<Record<string, unknown>>,
): Promise<unknown> {
  if (status(err) !== 409) return err;
  const now = await get().catch(() => undefined);
  const marker = parseMarker(now?.notes as string | undefined);
  if (marker?.key === c.key && marker.hash === c.hash)
    return new ConcurrentApplyError(
      `${kind} "${c.name}" was updated by another run while this one was applying`,
    );
  return err;
}

/**
 * A 404 while reading the workspace, or any other refused write (400/404/409): the workspace this
 * run wrote to is gone or replaced (another run published it, which deletes it), or one appeared
 * that this run was about to create.
 */
export async function explainWorkspaceFailure(
  err: unknown,
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  workspaceName: string,
  ours: WorkspaceRef | undefined,
  phase: "read" | "write" = "write",
): Promise<unknown> {
  if (err instanceof ConcurrentApplyError) return err;
  const code = status(err);
  if (code !== 400 && code !== 404 && code !== 409) return err;
  if (phase === "read") {
    // The workspace was found, then its lists answered 404: published (deleted) in between. A 404
    // of the first calls is a wrong account or container (access-hint.ts), not a race.
    if (code !== 404 || !WORKSPACE_READS.has((err as ApiCallError).method)) return err;
    const now = await findWorkspace(caller, gtm, container, workspaceName).catch(() => null);
    return now === undefined
      ? new ConcurrentApplyError(
          `workspace "${workspaceName}" was published by another run while this one read it`,
        )
      : err;
  }
  // create_version deleted our workspace itself; a refused publish is not about the workspace.
  if ((err as ApiCallError).method === "versions.publish") return err;
  const now = await findWorkspace(caller, gtm, container, workspaceName).catch(() => null);
  if (now === null) return err;
  if (!ours && now)
    return new ConcurrentApplyError(`workspace "${workspaceName}" was created by another run`);
  if (ours && (!now || now.id !== ours.id))
    return new ConcurrentApplyError(
      `workspace "${workspaceName}" was published or replaced by another run while this one was applying`,
    );
  return err;
}

/** The general form: a refused write whose effect `check` finds already in place. */
export async function explainRefusal(
  err: unknown,
  statuses: number[],
  check: () => Promise<boolean>,
  evidence: string,
): Promise<unknown> {
  const code = status(err);
  if (code === undefined || !statuses.includes(code)) return err;
  return (await check().catch(() => false)) ? new ConcurrentApplyError(evidence) : err;
}
