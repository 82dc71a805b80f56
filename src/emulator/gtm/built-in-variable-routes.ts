// built_in_variables: create / delete with a repeated camelCase `type` query parameter, list.
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type EmulatorRequest, type Route } from "../http/route.js";
import type { World } from "../world.js";
import { builtInName, isValidBuiltInType } from "./built-in-variables.js";
import { findWorkspace } from "./locate.js";
import { renderEntity, type Scope } from "./render.js";

const W = "/tagmanager/v2/accounts/{account}/containers/{container}/workspaces/{workspace}";

function types(req: EmulatorRequest, fromPath?: string): string[] {
  const list = fromPath ? [fromPath] : req.query.getAll("type");
  if (list.length === 0)
    throw new ApiError(400, "INVALID_ARGUMENT", "type: The value must not be empty", "required");
  for (const t of list) {
    if (!isValidBuiltInType(t))
      throw new ApiError(400, "INVALID_ARGUMENT", `Invalid value at 'type' (TYPE_ENUM), "${t}"`, "invalid");
  }
  return list;
}

export function builtInVariableRoutes(world: World): Route[] {
  const scopeOf = (p: Record<string, string>): Scope => ({
    accountId: p.account,
    containerId: p.container,
    workspaceId: p.workspace,
  });
  const remove = (req: EmulatorRequest, params: Record<string, string>) => {
    const ws = findWorkspace(world, params);
    const doomed = new Set(types(req, params.type));
    const before = ws.entities.builtInVariable.length;
    ws.entities.builtInVariable = ws.entities.builtInVariable.filter((b) => !doomed.has(String(b.type)));
    if (ws.entities.builtInVariable.length !== before) {
      ws.fingerprint = world.fingerprint();
      world.changed();
    }
    return ok();
  };
  return [
    defineRoute("gtm", "POST", `${W}/built_in_variables`, (req, params) => {
      const ws = findWorkspace(world, params);
      const created = [];
      for (const type of types(req)) {
        let entity = ws.entities.builtInVariable.find((b) => b.type === type);
        if (!entity) {
          entity = { type, name: builtInName(type), fingerprint: world.fingerprint() };
          ws.entities.builtInVariable.push(entity);
          ws.fingerprint = world.fingerprint();
          world.changed();
        }
        created.push(renderEntity("builtInVariable", scopeOf(params), entity));
      }
      return ok({ builtInVariable: created });
    }),
    defineRoute("gtm", "GET", `${W}/built_in_variables`, (req, params) => {
      const ws = findWorkspace(world, params);
      const p = page(ws.entities.builtInVariable, req.query.get("pageToken"), world.options.pageSize);
      return ok({
        builtInVariable: p.items.map((b) => renderEntity("builtInVariable", scopeOf(params), b)),
        nextPageToken: p.nextPageToken,
      });
    }),
    defineRoute("gtm", "DELETE", `${W}/built_in_variables`, remove),
    defineRoute("gtm", "DELETE", `${W}/built_in_variables/{type}`, remove),
  ];
}
