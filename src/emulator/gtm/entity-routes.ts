// tags, triggers, variables, folders: create, list, get, update (?fingerprint=), delete, revert;
// folders also :entities and :move_entities_to_folder.
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import type { World } from "../world.js";
import { KINDS } from "./kinds.js";
import { checkFingerprint, findContainer, findWorkspace } from "./locate.js";
import { renderEntity, type Scope } from "./render.js";
import type { GtmKind } from "./types.js";
import { baseEntities } from "./workspace-diff.js";
import { createEntity, deleteEntity, findEntity, replaceEntity } from "./workspace-edits.js";

const W = "/tagmanager/v2/accounts/{account}/containers/{container}/workspaces/{workspace}";

const scopeOf = (p: Record<string, string>): Scope => ({
  accountId: p.account,
  containerId: p.container,
  workspaceId: p.workspace,
});

function kindRoutes(world: World, kind: GtmKind): Route[] {
  const { collection } = KINDS[kind];
  const one = `${W}/${collection}/{id}`;
  return [
    defineRoute("gtm", "POST", `${W}/${collection}`, (req, params) => {
      const container = findContainer(world, params);
      const ws = findWorkspace(world, params);
      return ok(renderEntity(kind, scopeOf(params), createEntity(world, container, ws, kind, req.body)));
    }),
    defineRoute("gtm", "GET", `${W}/${collection}`, (req, params) => {
      const ws = findWorkspace(world, params);
      const p = page(ws.entities[kind], req.query.get("pageToken"), world.options.pageSize);
      return ok({
        [kind]: p.items.map((e) => renderEntity(kind, scopeOf(params), e)),
        nextPageToken: p.nextPageToken,
      });
    }),
    defineRoute("gtm", "GET", one, (_req, params) => {
      const ws = findWorkspace(world, params);
      return ok(renderEntity(kind, scopeOf(params), findEntity(ws, kind, params.id)));
    }),
    defineRoute("gtm", "PUT", one, (req, params) => {
      const ws = findWorkspace(world, params);
      checkFingerprint(req.query.get("fingerprint"), findEntity(ws, kind, params.id).fingerprint);
      return ok(renderEntity(kind, scopeOf(params), replaceEntity(world, ws, kind, params.id, req.body)));
    }),
    defineRoute("gtm", "DELETE", one, (_req, params) => {
      deleteEntity(world, findWorkspace(world, params), kind, params.id);
      return ok();
    }),
    defineRoute("gtm", "POST", `${one}:revert`, (req, params) => {
      const container = findContainer(world, params);
      const ws = findWorkspace(world, params);
      const current = ws.entities[kind].find((e) => String(e[KINDS[kind].idField]) === params.id);
      if (current) checkFingerprint(req.query.get("fingerprint"), current.fingerprint);
      const original = baseEntities(container, ws)[kind].find(
        (e) => String(e[KINDS[kind].idField]) === params.id,
      );
      if (!current && !original)
        throw new ApiError(404, "NOT_FOUND", "Not found or permission denied.", "notFound");
      const list = ws.entities[kind];
      const index = current ? list.indexOf(current) : -1;
      if (original && index >= 0) list[index] = structuredClone(original);
      else if (original) list.push(structuredClone(original));
      else list.splice(index, 1);
      ws.fingerprint = world.fingerprint();
      world.changed();
      return ok(original ? { [kind]: renderEntity(kind, scopeOf(params), original) } : {});
    }),
  ];
}

function folderRoutes(world: World): Route[] {
  const one = `${W}/folders/{id}`;
  return [
    defineRoute("gtm", "POST", `${one}:entities`, (req, params) => {
      const ws = findWorkspace(world, params);
      findEntity(ws, "folder", params.id);
      const members = (["tag", "trigger", "variable"] as const).flatMap((kind) =>
        ws.entities[kind].filter((e) => e.parentFolderId === params.id).map((e) => ({ kind, e })),
      );
      const p = page(members, req.query.get("pageToken"), world.options.pageSize);
      const out: Record<string, unknown> = { nextPageToken: p.nextPageToken };
      for (const { kind, e } of p.items) {
        if (!out[kind]) out[kind] = [];
        (out[kind] as unknown[]).push(renderEntity(kind, scopeOf(params), e));
      }
      return ok(out);
    }),
    defineRoute("gtm", "POST", `${one}:move_entities_to_folder`, (req, params) => {
      const ws = findWorkspace(world, params);
      findEntity(ws, "folder", params.id);
      const moves = (["tag", "trigger", "variable"] as const).flatMap((kind) =>
        req.query.getAll(KINDS[kind].idField).map((id) => findEntity(ws, kind, id)),
      );
      for (const e of moves) {
        e.parentFolderId = params.id;
        e.fingerprint = world.fingerprint();
      }
      ws.fingerprint = world.fingerprint();
      world.changed();
      return ok();
    }),
  ];
}

export function entityRoutes(world: World): Route[] {
  return [
    ...folderRoutes(world),
    ...(Object.keys(KINDS) as GtmKind[]).flatMap((kind) => kindRoutes(world, kind)),
  ];
}
