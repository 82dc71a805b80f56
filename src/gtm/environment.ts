// GTM environments (staging, QA): found by name among the container's user environments; apply
// --publish points one at the new version (creating it on first use, as with the workspace), and
// promote publishes the version an environment holds.
import { UserError } from "../errors.js";
import type { ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import { listAll } from "../google/paging.js";

export interface EnvironmentRef {
  path: string;
  name: string;
  fingerprint: string;
  containerVersionId?: string;
  /** The whole resource, for a full-replacement update. */
  raw: Record<string, unknown>;
}

export async function findEnvironment(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  name: string,
): Promise<EnvironmentRef | undefined> {
  const all = await listAll(caller, "environments.list", async (pageToken) => {
    const r = await gtm.accounts.containers.environments.list({ parent: container, pageToken });
    return { items: r.data.environment, next: r.data.nextPageToken };
  });
  const e = all.find((x) => x.type === "user" && x.name === name);
  if (!e) return undefined;
  return {
    path: e.path!,
    name: e.name!,
    fingerprint: e.fingerprint ?? "",
    ...(e.containerVersionId ? { containerVersionId: e.containerVersionId } : {}),
    raw: e as Record<string, unknown>,
  };
}

/** Points the environment at `versionId` (one write: an update, or a create on first use); false when it already held it. */
export async function pointEnvironment(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  name: string,
  versionId: string,
  progress: (step: string) => void = () => {},
): Promise<boolean> {
  const envs = gtm.accounts.containers.environments;
  const found = await findEnvironment(caller, gtm, container, name);
  if (!found) {
    await caller.call("write", "environments.create", () =>
      envs.create({
        parent: container,
        requestBody: { name, description: "Created by microgoals.", containerVersionId: versionId },
      }),
    );
    progress(`create environment ${name} at version ${versionId}`);
    return true;
  }
  if (found.containerVersionId === versionId) return false;
  await caller.call("write", "environments.update", () =>
    envs.update({
      path: found.path,
      fingerprint: found.fingerprint,
      requestBody: { ...found.raw, containerVersionId: versionId },
    }),
  );
  progress(`point environment ${name} at version ${versionId}`);
  return true;
}

/** Publishes live the version environment `name` holds; returns its id. */
export async function promoteEnvironment(
  caller: ApiCaller,
  gtm: TagManager,
  container: string,
  name: string,
): Promise<{ versionId: string; name: string }> {
  const env = await findEnvironment(caller, gtm, container, name);
  if (!env)
    throw new UserError(
      `GTM environment "${name}" not found in ${container}`,
      1,
      "Run `microgoals apply --publish` for a target whose gtm.environment names it first.",
    );
  if (!env.containerVersionId)
    throw new UserError(`GTM environment "${name}" holds no container version; nothing to promote`, 1);
  const versionPath = `${container}/versions/${env.containerVersionId}`;
  const p = await caller.call("write", "versions.publish", () =>
    gtm.accounts.containers.versions.publish({ path: versionPath }),
  );
  if (p.data.compilerError)
    throw new UserError(`GTM refused to publish version ${env.containerVersionId} (compilerError)`, 1);
  return { versionId: env.containerVersionId, name: p.data.containerVersion?.name ?? "" };
}
