// Applies a plan's GTM part to the workspace: folder (and key-event ledger), built-in variables,
// then variables → triggers → tags (tags get live trigger ids for their trigger keys), then deletes
// in reverse, then one batched move into the folder. No local state: a retried create first looks
// for its marker, so a lost answer never makes a duplicate, and a killed run re-planned converges.

import type { GtmTagBody } from "../compile/desired-state.js";
import { parseMarker } from "../compile/ownership.js";
import { UserError } from "../errors.js";
import { ApiCallError, type ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import { listAll } from "../google/paging.js";
import { explainCreateFailure, explainRefusal, explainUpdateFailure } from "../gtm/concurrent-apply.js";
import { collectionOf, entityApi, ID_FIELD } from "../gtm/entity-api.js";
import type { WorkspaceRef } from "../gtm/workspace.js";
import { ownedByKey } from "../plan/diff-gtm.js";
import { isOurFolder } from "../plan/key-event-ledger.js";
import type { LiveGtm } from "../plan/live-state.js";
import { MOVE_BATCH } from "../plan/make-plan.js";
import type { GtmChange, GtmKind, Plan } from "../plan/model.js";

export type ApplyProgress = (step: string) => void;

export interface GtmApplyResult {
  created: number;
  updated: number;
  deleted: number;
}

const ORDER: GtmKind[] = ["variable", "trigger", "tag"];

export async function applyGtm(
  caller: ApiCaller,
  gtm: TagManager,
  ws: WorkspaceRef,
  plan: Plan,
  live: LiveGtm,
  progress: ApplyProgress = () => {},
): Promise<GtmApplyResult> {
  const result: GtmApplyResult = { created: 0, updated: 0, deleted: 0 };
  const w = gtm.accounts.containers.workspaces;
  // Counted as the plan counts them: the folder and the built-in variables are a create each, the
  // folder's notes and moving owned entities back into it an update each.
  const folder = await ensureFolder(caller, gtm, ws, plan, live, progress);
  const folderId = folder.id;
  if (folder.did === "created") result.created++;
  if (folder.did === "updated") result.updated++;

  if (plan.gtm.enableBuiltIns.length > 0) {
    const types = plan.gtm.enableBuiltIns;
    await caller.call(
      "write",
      "built_in_variables.create",
      () => w.built_in_variables.create({ parent: ws.path, type: types }),
      {
        recover: async () => {
          const now = await listAll(caller, "built_in_variables.list", async (pageToken) => {
            const r = await w.built_in_variables.list({ parent: ws.path, pageToken });
            return { items: r.data.builtInVariable, next: r.data.nextPageToken };
          });
          const have = new Set(now.map((b) => b.type));
          return types.every((t) => have.has(t)) ? ({} as never) : undefined;
        },
      },
    );
    progress(`enable built-in variables ${types.join(", ")}`);
    result.created++;
  }

  // Trigger key → live id: existing owned triggers, then each trigger we create.
  const triggerIds = new Map<string, string>();
  for (const [key, list] of ownedByKey(live.triggers)) triggerIds.set(key, list[0].id);
  const fingerprints = new Map<string, string>();
  for (const kind of ORDER)
    for (const e of live[`${kind}s` as "variables" | "triggers" | "tags"])
      fingerprints.set(`${kind}:${e.id}`, e.fingerprint);
  const toMove: Record<GtmKind, string[]> = { variable: [], trigger: [], tag: [] };
  const idOfKey = new Map<string, string>();
  for (const kind of ORDER)
    for (const [key, list] of ownedByKey(live[`${kind}s` as "variables" | "triggers" | "tags"]))
      idOfKey.set(`${kind}:${key}`, list[0].id);

  for (const kind of ORDER) {
    const api = entityApi(caller, gtm, kind);
    const collection = collectionOf(kind);
    for (const c of plan.gtm.changes.filter((x) => x.kind === kind)) {
      if (c.action !== "create" && c.action !== "update") continue;
      const body =
        kind === "tag" ? remapTriggers(c, triggerIds) : (c.body as unknown as Record<string, unknown>);
      let saved: Record<string, unknown>;
      if (c.action === "create") {
        saved = await caller
          .call("write", `${collection}.create`, () => api.create(ws.path, body), {
            recover: async () => (await api.list(ws.path)).find((e) => isApplied(e, c)),
          })
          .catch(async (err: unknown) => {
            throw await explainCreateFailure(err, kind, c, () => api.list(ws.path));
          });
        result.created++;
        toMove[kind].push(String(saved[ID_FIELD[kind]]));
      } else {
        const path = `${ws.path}/${collection}/${c.id}`;
        const fp = fingerprints.get(`${kind}:${c.id}`) ?? "";
        // An update replaces the whole entity: keep (or put) it in our folder.
        const full = { ...body, parentFolderId: folderId };
        saved = await caller
          .call("write", `${collection}.update`, () => api.update(path, fp, full), {
            recover: async () => {
              const now = await caller.call("read", `${collection}.get`, () => api.get(path));
              return isApplied(now, c) ? now : undefined;
            },
          })
          .catch(async (err: unknown) => {
            const get = () => caller.call("read", `${collection}.get`, () => api.get(path));
            throw await explainUpdateFailure(err, kind, c, get);
          });
        result.updated++;
      }
      if (kind === "trigger") triggerIds.set(c.key, String(saved.triggerId));
      progress(`${c.action} ${kind} ${c.name}`);
    }
  }

  for (const kind of [...ORDER].reverse()) {
    const api = entityApi(caller, gtm, kind);
    const collection = collectionOf(kind);
    for (const c of plan.gtm.changes.filter((x) => x.kind === kind && x.action === "delete")) {
      const path = `${ws.path}/${collection}/${c.id}`;
      try {
        await caller.call("write", `${collection}.delete`, () => api.remove(path));
      } catch (err) {
        // Already gone (a retried delete whose first answer was lost, or someone deleted it): done.
        if (!(err instanceof ApiCallError && err.facts.status === 404)) throw err;
      }
      result.deleted++;
      progress(`delete ${kind} ${c.name}`);
    }
  }

  for (const key of plan.gtm.moveToFolder) {
    for (const kind of ORDER) {
      const id = idOfKey.get(`${kind}:${key}`);
      if (id && plan.gtm.changes.some((c) => c.kind === kind && c.key === key)) toMove[kind].push(id);
    }
  }
  await moveToFolder(caller, gtm, ws, folderId, toMove, progress);
  if (plan.gtm.moveToFolder.length > 0) result.updated++;
  return result;
}

/** True when a live entity is the one this change wrote (its marker carries the change's key and hash). */
function isApplied(raw: Record<string, unknown>, c: GtmChange): boolean {
  const m = parseMarker(raw.notes as string | undefined);
  return m?.key === c.key && m.hash === c.hash;
}

function remapTriggers(c: GtmChange, triggerIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const body = c.body as GtmTagBody;
  const firingTriggerId = body.firingTriggerId.map((key) => {
    const id = triggerIds.get(key);
    if (!id) throw new UserError(`tag "${body.name}" fires on trigger ${key}, which is not in the workspace`);
    return id;
  });
  return { ...body, firingTriggerId };
}

async function ensureFolder(
  caller: ApiCaller,
  gtm: TagManager,
  ws: WorkspaceRef,
  plan: Plan,
  live: LiveGtm,
  progress: ApplyProgress,
): Promise<{ id: string; did: "created" | "updated" | "kept" }> {
  const folders = gtm.accounts.containers.workspaces.folders;
  const requestBody = { name: plan.gtm.folderName, notes: plan.gtm.folder.notes };
  const existing = live.folders.find((f) => isOurFolder(f.notes));
  if (existing && plan.gtm.folder.action === "noop") return { id: existing.id, did: "kept" };
  if (existing) {
    const path = `${ws.path}/folders/${existing.id}`;
    await caller
      .call(
        "write",
        "folders.update",
        () => folders.update({ path, fingerprint: existing.fingerprint, requestBody }),
        {
          recover: async () => {
            const r = await caller.call("read", "folders.get", () => folders.get({ path }));
            return r.data.notes === requestBody.notes ? r : undefined;
          },
        },
      )
      .catch(async (err: unknown) => {
        const sameNotes = async () =>
          (await caller.call("read", "folders.get", () => folders.get({ path }))).data.notes ===
          requestBody.notes;
        throw await explainRefusal(
          err,
          [409],
          sameNotes,
          "the folder's key-event ledger was rewritten by another run",
        );
      });
    progress("update folder notes");
    return { id: existing.id, did: "updated" };
  }
  const ours = async () => {
    const all = await listAll(caller, "folders.list", async (pageToken) => {
      const r = await folders.list({ parent: ws.path, pageToken });
      return { items: r.data.folder, next: r.data.nextPageToken };
    });
    return all.find((f) => isOurFolder(f.notes ?? undefined));
  };
  const created = await caller
    .call(
      "write",
      "folders.create",
      async () => (await folders.create({ parent: ws.path, requestBody })).data,
      {
        recover: ours,
      },
    )
    .catch(async (err: unknown) => {
      const made = async () => (await ours()) !== undefined;
      throw await explainRefusal(err, [400, 409], made, "the microgoals folder was created by another run");
    });
  progress(`create folder ${plan.gtm.folderName}`);
  return { id: String(created.folderId), did: "created" };
}

async function moveToFolder(
  caller: ApiCaller,
  gtm: TagManager,
  ws: WorkspaceRef,
  folderId: string,
  ids: Record<GtmKind, string[]>,
  progress: ApplyProgress,
): Promise<void> {
  const all = ORDER.flatMap((kind) => [...new Set(ids[kind])].map((id) => ({ kind, id })));
  for (let i = 0; i < all.length; i += MOVE_BATCH) {
    const batch = all.slice(i, i + MOVE_BATCH);
    const pick = (k: GtmKind) => batch.filter((b) => b.kind === k).map((b) => b.id);
    await caller.call("write", "folders.move_entities_to_folder", () =>
      gtm.accounts.containers.workspaces.folders.move_entities_to_folder(
        {
          path: `${ws.path}/folders/${folderId}`,
          variableId: pick("variable"),
          triggerId: pick("trigger"),
          tagId: pick("tag"),
        },
        {},
      ),
    );
    progress(`move ${batch.length} entities into the folder`);
  }
}
