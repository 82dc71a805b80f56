// workspaces: create, get, list, delete, getStatus, sync, resolve_conflict, create_version.
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import { newWorkspace } from "../state.js";
import type { World } from "../world.js";
import { compileErrors } from "./compile-check.js";
import { KINDS } from "./kinds.js";
import { findContainer, findWorkspace } from "./locate.js";
import { renderEntity, renderVersion, renderWorkspace, type Scope, workspacePath } from "./render.js";
import type {
  GtmContainer,
  GtmEntityKind,
  GtmKind,
  GtmVersion,
  GtmWorkspace,
  MergeConflictRecord,
  StoredEntity,
} from "./types.js";
import { baseEntities, latestVersion, syncEntities, workspaceChanges } from "./workspace-diff.js";
import { clientFields } from "./workspace-edits.js";

const C = "/tagmanager/v2/accounts/{account}/containers/{container}";
const W = `${C}/workspaces/{workspace}`;

export function workspaceRoutes(world: World): Route[] {
  const scopeOf = (p: Record<string, string>): Scope => ({
    accountId: p.account,
    containerId: p.container,
    workspaceId: p.workspace,
  });
  const wrap = (kind: GtmEntityKind, scope: Scope, e: StoredEntity | null) =>
    e ? { [kind]: renderEntity(kind, scope, e) } : undefined;
  const renderConflict = (c: MergeConflictRecord, scope: Scope) => ({
    entityInWorkspace: {
      ...wrap(c.kind, scope, c.inWorkspace),
      changeStatus: c.inWorkspace ? "updated" : "deleted",
    },
    entityInBaseVersion: { ...wrap(c.kind, scope, c.inLatest), changeStatus: "none" },
  });

  const sync = (container: GtmContainer, ws: GtmWorkspace): void => {
    const latest = latestVersion(container);
    if (!latest || latest.containerVersionId === ws.baseVersionId) return;
    const merged = syncEntities(baseEntities(container, ws), latest.entities, ws.entities);
    ws.entities = merged.entities;
    ws.conflicts = merged.conflicts;
    ws.baseVersionId = latest.containerVersionId;
    ws.fingerprint = world.fingerprint();
    world.changed();
  };

  return [
    defineRoute("gtm", "POST", `${C}/workspaces`, (req, params) => {
      const container = findContainer(world, params);
      const body = (req.body ?? {}) as { name?: string; description?: string };
      if (!body.name)
        throw new ApiError(400, "INVALID_ARGUMENT", "workspace.name: The value must not be empty", "invalid");
      if (container.workspaces.some((w) => w.name === body.name)) {
        throw new ApiError(
          400,
          "INVALID_ARGUMENT",
          `Found entity with duplicate name: a workspace named "${body.name}" already exists.`,
          "invalid",
        );
      }
      if (container.workspaces.length >= world.options.workspaceLimit) {
        throw new ApiError(
          400,
          "FAILED_PRECONDITION",
          `Workspace limit reached: this container already has ${world.options.workspaceLimit} workspaces.`,
          "invalid",
        );
      }
      const ws = newWorkspace(world.state, container, body.name, body.description);
      container.workspaces.push(ws);
      world.changed();
      return ok(renderWorkspace(params.account, params.container, ws));
    }),
    defineRoute("gtm", "GET", `${C}/workspaces`, (req, params) => {
      const container = findContainer(world, params);
      const p = page(container.workspaces, req.query.get("pageToken"), world.options.pageSize);
      return ok({
        workspace: p.items.map((w) => renderWorkspace(params.account, params.container, w)),
        nextPageToken: p.nextPageToken,
      });
    }),
    defineRoute("gtm", "GET", W, (_req, params) =>
      ok(renderWorkspace(params.account, params.container, findWorkspace(world, params))),
    ),
    defineRoute("gtm", "DELETE", W, (_req, params) => {
      const container = findContainer(world, params);
      findWorkspace(world, params);
      container.workspaces = container.workspaces.filter((w) => w.workspaceId !== params.workspace);
      world.changed();
      return ok();
    }),
    defineRoute("gtm", "GET", `${W}/status`, (_req, params) => {
      const container = findContainer(world, params);
      const ws = findWorkspace(world, params);
      const scope = scopeOf(params);
      const changes = workspaceChanges(baseEntities(container, ws), ws.entities);
      return ok({
        workspaceChange: changes.map((c) => ({
          ...wrap(c.kind, scope, c.entity),
          changeStatus: c.changeStatus,
        })),
        mergeConflict: ws.conflicts.map((c) => renderConflict(c, scope)),
      });
    }),
    defineRoute("gtm", "POST", `${W}:sync`, (_req, params) => {
      const container = findContainer(world, params);
      const ws = findWorkspace(world, params);
      sync(container, ws);
      const scope = scopeOf(params);
      return ok({
        syncStatus: { mergeConflict: ws.conflicts.length > 0, syncError: false },
        mergeConflict: ws.conflicts.map((c) => renderConflict(c, scope)),
      });
    }),
    defineRoute("gtm", "POST", `${W}:resolve_conflict`, (req, params) => {
      const ws = findWorkspace(world, params);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const kind = (Object.keys(KINDS) as GtmKind[]).find((k) => body[k] !== undefined);
      if (!kind) throw new ApiError(400, "INVALID_ARGUMENT", "Exactly one entity must be given.", "invalid");
      const resolved = body[kind] as Record<string, unknown>;
      const id = String(resolved[KINDS[kind].idField]);
      const conflict = ws.conflicts.find((c) => c.kind === kind && c.key === id);
      if (!conflict) throw new ApiError(404, "NOT_FOUND", "No merge conflict for this entity.", "notFound");
      const list = ws.entities[kind];
      const index = list.findIndex((e) => String(e[KINDS[kind].idField]) === id);
      if (body.changeStatus === "deleted") {
        if (index >= 0) list.splice(index, 1);
      } else {
        const entity = {
          [KINDS[kind].idField]: id,
          ...clientFields(kind, resolved),
          fingerprint: world.fingerprint(),
        };
        if (index >= 0) list[index] = entity;
        else list.push(entity);
      }
      ws.conflicts = ws.conflicts.filter((c) => c !== conflict);
      ws.fingerprint = world.fingerprint();
      world.changed();
      return ok();
    }),
    defineRoute("gtm", "POST", `${W}:create_version`, (req, params) => {
      const container = findContainer(world, params);
      const ws = findWorkspace(world, params);
      sync(container, ws);
      if (ws.conflicts.length > 0) {
        return ok({ syncStatus: { mergeConflict: true, syncError: false }, compilerError: false });
      }
      const gtm = world.state.gtm;
      if (gtm.pendingCompilerErrors > 0 || compileErrors(ws.entities).length > 0) {
        if (gtm.pendingCompilerErrors > 0) gtm.pendingCompilerErrors--;
        world.changed();
        return ok({ compilerError: true, syncStatus: { mergeConflict: false, syncError: false } });
      }
      const body = (req.body ?? {}) as { name?: string; notes?: string };
      const version: GtmVersion = {
        containerVersionId: String(container.nextVersionId++),
        name: body.name ?? "",
        description: body.notes ?? "",
        fingerprint: world.fingerprint(),
        deleted: false,
        entities: structuredClone(ws.entities),
      };
      container.versions.push(version);
      container.workspaces = container.workspaces.filter((w) => w !== ws);
      let newWorkspacePath: string | undefined;
      if (container.workspaces.length === 0) {
        // GTM always keeps one workspace: a fresh Default Workspace replaces the last one.
        const fresh = newWorkspace(world.state, container, "Default Workspace");
        container.workspaces.push(fresh);
        newWorkspacePath = workspacePath(params.account, params.container, fresh.workspaceId);
      }
      world.changed();
      return ok({
        containerVersion: renderVersion(params.account, container, version),
        syncStatus: { mergeConflict: false, syncError: false },
        compilerError: false,
        ...(newWorkspacePath ? { newWorkspacePath } : {}),
      });
    }),
  ];
}
