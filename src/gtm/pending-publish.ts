// A version microgoals made but never published: an apply --publish stopped (Ctrl-C, kill -9, lost
// connection) between create_version and publish. create_version deleted the workspace, so the next
// run sees no changes; it must still finish the publish instead of reporting "nothing to do".
import { UserError } from "../errors.js";
import type { ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import type { Published } from "./publish.js";

/** Every version microgoals creates carries this at the start of its notes (GTM: description). */
export const VERSION_NOTES_PREFIX = "Deployed by microgoals";

/**
 * The latest version, when microgoals made it and it is not the live one. Two reads (versions.get
 * and versions.live), made only by an apply --publish that has nothing else to write.
 */
export async function findPendingVersion(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  latestVersionId: string | undefined,
): Promise<Omit<Published, "resumed"> | undefined> {
  if (!latestVersionId) return undefined;
  const versions = gtm.accounts.containers.versions;
  const versionPath = `${container}/versions/${latestVersionId}`;
  const latest = await caller.call("read", "versions.get", () => versions.get({ path: versionPath }));
  if (!(latest.data.description ?? "").startsWith(VERSION_NOTES_PREFIX)) return undefined;
  let liveId: string | undefined;
  try {
    const live = await caller.call("read", "versions.live", () => versions.live({ parent: container }));
    liveId = live.data.containerVersionId ?? undefined;
  } catch (err) {
    // A container with nothing published yet answers 404.
    if ((err as { facts?: { status?: number } }).facts?.status !== 404) throw err;
  }
  if (liveId === latestVersionId) return undefined;
  return { versionId: latestVersionId, versionPath, name: latest.data.name ?? "" };
}

/** Publishes a version; publishing the live version again is harmless, so a lost answer is retried as is. */
export async function publishVersion(
  caller: ApiCaller,
  gtm: TagManager,
  versionId: string,
  versionPath: string,
): Promise<void> {
  const p = await caller.call("write", "versions.publish", () =>
    gtm.accounts.containers.versions.publish({ path: versionPath }),
  );
  if (p.data.compilerError)
    throw new UserError(`GTM refused to publish version ${versionId} (compilerError)`, 1);
}
