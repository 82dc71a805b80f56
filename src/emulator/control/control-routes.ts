// The out-of-band control API under /__emulator/: inspect and reset state, read request counts, set
// faults, and edit GTM entities as a person in the web UI would (no validation, no quota).

import type { FaultConfig, QueuedFault } from "../faults/fault-config.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import { KINDS } from "../gtm/kinds.js";
import { findContainer, findWorkspace } from "../gtm/locate.js";
import { renderEntity } from "../gtm/render.js";
import type { GtmKind, JsonObject } from "../gtm/types.js";
import { createEntity, deleteEntity, findEntity, replaceEntity } from "../gtm/workspace-edits.js";
import { defineRoute, ok } from "../http/define-route.js";
import { ApiError, type Route } from "../http/route.js";
import type { QuotaPolicy } from "../quota/quota-policy.js";
import type { RequestCounts } from "../request-counts.js";
import { addContainer, addProperty } from "../state.js";
import type { World } from "../world.js";

export interface ControlDeps {
  world: World;
  counts: RequestCounts;
  faults: FaultInjector;
  quota: QuotaPolicy;
}

const E = "/__emulator";
const W = `${E}/gtm/accounts/{account}/containers/{container}/workspaces/{workspace}`;

function kindOf(collection: string): GtmKind {
  const kind = (Object.keys(KINDS) as GtmKind[]).find((k) => KINDS[k].collection === collection);
  if (!kind) throw new ApiError(404, "NOT_FOUND", `Unknown collection ${collection}`, "notFound");
  return kind;
}

export function controlRoutes({ world, counts, faults, quota }: ControlDeps): Route[] {
  const scope = (p: Record<string, string>) => ({
    accountId: p.account,
    containerId: p.container,
    workspaceId: p.workspace,
  });
  return [
    defineRoute("control", "GET", `${E}/state`, () => ok(world.state)),
    defineRoute("control", "POST", `${E}/reset`, () => {
      world.reset();
      counts.reset();
      quota.reset();
      faults.set({});
      return ok({});
    }),
    defineRoute("control", "GET", `${E}/requests`, () => ok(counts.snapshot())),
    defineRoute("control", "DELETE", `${E}/requests`, () => {
      counts.reset();
      return ok({});
    }),
    defineRoute("control", "GET", `${E}/quota`, () => ok({ gtmWindow: quota.gtmWindowInfo() })),
    defineRoute("control", "DELETE", `${E}/quota`, () => {
      quota.reset();
      return ok({});
    }),
    defineRoute("control", "GET", `${E}/faults`, () => ok(faults.get())),
    defineRoute("control", "PUT", `${E}/faults`, (req) => {
      faults.set((req.body ?? {}) as FaultConfig);
      return ok(faults.get());
    }),
    defineRoute("control", "DELETE", `${E}/faults`, () => {
      faults.set({});
      return ok({});
    }),
    defineRoute("control", "POST", `${E}/faults/queue`, (req) => {
      const config = faults.get();
      config.queue = [...(config.queue ?? []), req.body as QueuedFault];
      faults.set(config);
      return ok(faults.get());
    }),
    defineRoute("control", "POST", `${E}/gtm/compiler-error`, (req) => {
      world.state.gtm.pendingCompilerErrors += Number(
        (req.body as { count?: number } | undefined)?.count ?? 1,
      );
      world.changed();
      return ok({ pendingCompilerErrors: world.state.gtm.pendingCompilerErrors });
    }),
    defineRoute("control", "POST", `${E}/gtm/containers`, (req) => {
      const body = (req.body ?? {}) as { accountId?: string; name?: string; containerId?: string };
      if (!body.accountId) throw new ApiError(400, "INVALID_ARGUMENT", "accountId is required", "invalid");
      const c = addContainer(world.state, body.accountId, body.name ?? "Container", body.containerId);
      world.changed();
      return ok({
        accountId: body.accountId,
        containerId: c.containerId,
        workspaceId: c.workspaces[0].workspaceId,
      });
    }),
    defineRoute("control", "POST", `${E}/ga4/properties`, (req) => {
      const body = (req.body ?? {}) as { propertyId?: string; displayName?: string };
      if (!body.propertyId) throw new ApiError(400, "INVALID_ARGUMENT", "propertyId is required", "invalid");
      addProperty(world.state, world.options, body.propertyId, body.displayName);
      world.changed();
      return ok({ propertyId: body.propertyId });
    }),
    defineRoute("control", "POST", `${W}/{collection}`, (req, params) => {
      const kind = kindOf(params.collection);
      const container = findContainer(world, params);
      const ws = findWorkspace(world, params);
      return ok(renderEntity(kind, scope(params), createEntity(world, container, ws, kind, req.body, false)));
    }),
    defineRoute("control", "PATCH", `${W}/{collection}/{id}`, (req, params) => {
      const kind = kindOf(params.collection);
      const ws = findWorkspace(world, params);
      const merged = { ...findEntity(ws, kind, params.id), ...((req.body ?? {}) as JsonObject) };
      const updated = replaceEntity(world, ws, kind, params.id, merged, false);
      return ok(renderEntity(kind, scope(params), updated));
    }),
    defineRoute("control", "DELETE", `${W}/{collection}/{id}`, (_req, params) => {
      deleteEntity(world, findWorkspace(world, params), kindOf(params.collection), params.id);
      return ok({});
    }),
  ];
}
