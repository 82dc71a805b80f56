// create_version, then publish. create_version can answer HTTP 200 with compilerError: true (no
// version made, workspace kept); when it succeeds GTM deletes the workspace, and the next deploy
// creates a fresh one from the new version.
import { UserError } from "../errors.js";
import type { ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import { findWorkspace, latestVersionId, type WorkspaceRef } from "./workspace.js";

export interface Published {
  versionId: string;
  versionPath: string;
  name: string;
  /** An earlier apply made this version and stopped before publishing it; this run published it. */
  resumed?: boolean;
  /** Set when the version went to this GTM environment instead of live. */
  environment?: string;
}

export async function createVersionAndPublish(
  caller: ApiCaller,
  gtm: TagManager,
  ws: WorkspaceRef,
  container: string,
  workspaceName: string,
  version: { name: string; notes: string },
  publish: boolean,
  progress: (step: string) => void = () => {},
): Promise<Published> {
  const c = gtm.accounts.containers;
  const created = await caller.call(
    "write",
    "workspaces.create_version",
    async () => {
      const r = await c.workspaces.create_version({ path: ws.path, requestBody: version });
      return {
        compilerError: r.data.compilerError === true,
        versionId: r.data.containerVersion?.containerVersionId ?? undefined,
        conflicts: r.data.syncStatus?.mergeConflict === true,
      };
    },
    {
      // Lost answer: if our workspace is gone and the latest version carries our name, it worked.
      recover: async () => {
        if (await findWorkspace(caller, gtm, container, workspaceName)) return undefined;
        const latest = await latestVersionId(caller, gtm, container);
        if (!latest) return undefined;
        const v = await caller.call("read", "versions.get", () =>
          c.versions.get({ path: `${container}/versions/${latest}` }),
        );
        return v.data.name === version.name
          ? { compilerError: false, versionId: latest, conflicts: false }
          : undefined;
      },
    },
  );
  if (created.conflicts)
    throw new UserError(
      `workspace ${ws.path} has merge conflicts; no version was created`,
      1,
      "Resolve them in the GTM web UI and run again.",
    );
  if (created.compilerError || !created.versionId)
    throw new UserError(
      "GTM could not compile the workspace (compilerError); no version was created and nothing was published",
      1,
      "Open the workspace in the GTM web UI to see the error; the changes stay in the workspace.",
    );
  progress(`create version ${created.versionId} "${version.name}"`);
  const versionPath = `${container}/versions/${created.versionId}`;
  if (publish) {
    const p = await caller.call("write", "versions.publish", () => c.versions.publish({ path: versionPath }));
    if (p.data.compilerError)
      throw new UserError(`GTM refused to publish version ${created.versionId} (compilerError)`, 1);
    progress(`publish version ${created.versionId}`);
  }
  return { versionId: created.versionId, versionPath, name: version.name };
}
