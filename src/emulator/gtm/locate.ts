// Resolves path ids to state objects, answering Google's 404 when anything is missing.
import { ApiError } from "../http/route.js";
import { addContainer, nextFingerprint } from "../state.js";
import type { World } from "../world.js";
import type { GtmAccount, GtmContainer, GtmVersion, GtmWorkspace } from "./types.js";

export function notFound(what = "Not found or permission denied."): ApiError {
  return new ApiError(404, "NOT_FOUND", what, "notFound");
}

// GTM ids are decimal; only those are created on first use, so a typo'd path still gets a 404.
const GTM_ID = /^[1-9]\d{0,11}$/;

export function findAccount(world: World, accountId: string): GtmAccount {
  const account = world.state.gtm.accounts.find((a) => a.accountId === accountId);
  if (account) return account;
  if (!world.options.createOnFirstUse || !GTM_ID.test(accountId)) throw notFound();
  const created: GtmAccount = {
    accountId,
    name: `Account ${accountId}`,
    fingerprint: nextFingerprint(world.state),
    containers: [],
  };
  world.state.gtm.accounts.push(created);
  world.changed();
  return created;
}

export function findContainer(world: World, p: Record<string, string>): GtmContainer {
  const container = findAccount(world, p.account).containers.find((c) => c.containerId === p.container);
  if (container) return container;
  if (!world.options.createOnFirstUse || !GTM_ID.test(p.container)) throw notFound();
  // As GTM shows a container to a user who was given access: a fresh one with its Default Workspace.
  const created = addContainer(world.state, p.account, `Container ${p.container}`, p.container);
  world.changed();
  return created;
}

export function findWorkspace(world: World, p: Record<string, string>): GtmWorkspace {
  const ws = findContainer(world, p).workspaces.find((w) => w.workspaceId === p.workspace);
  if (!ws) throw notFound();
  return ws;
}

export function findVersion(container: GtmContainer, versionId: string): GtmVersion {
  const version = container.versions.find((v) => v.containerVersionId === versionId && !v.deleted);
  if (!version) throw notFound();
  return version;
}

export function checkFingerprint(expected: string | null, actual: string): void {
  if (expected && expected !== actual) {
    throw new ApiError(
      409,
      "ABORTED",
      `Fingerprint mismatch: the entity was modified (fingerprint ${actual}, request ${expected}).`,
      "conflict",
    );
  }
}
