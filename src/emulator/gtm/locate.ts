// Resolves path ids to state objects, answering Google's 404 when anything is missing.
import { ApiError } from "../http/route.js";
import type { World } from "../world.js";
import type { GtmAccount, GtmContainer, GtmVersion, GtmWorkspace } from "./types.js";

export function notFound(what = "Not found or permission denied."): ApiError {
  return new ApiError(404, "NOT_FOUND", what, "notFound");
}

export function findAccount(world: World, accountId: string): GtmAccount {
  const account = world.state.gtm.accounts.find((a) => a.accountId === accountId);
  if (!account) throw notFound();
  return account;
}

export function findContainer(world: World, p: Record<string, string>): GtmContainer {
  const container = findAccount(world, p.account).containers.find((c) => c.containerId === p.container);
  if (!container) throw notFound();
  return container;
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
