// accounts (list, get) and containers (list, get, create).
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import { addContainer } from "../state.js";
import type { World } from "../world.js";
import { findAccount, findContainer } from "./locate.js";
import { renderAccount, renderContainer } from "./render.js";

const V2 = "/tagmanager/v2";

export function accountRoutes(world: World): Route[] {
  const pageSize = world.options.pageSize;
  return [
    defineRoute("gtm", "GET", `${V2}/accounts`, (req) => {
      const p = page(world.state.gtm.accounts, req.query.get("pageToken"), pageSize);
      return ok({ account: p.items.map(renderAccount), nextPageToken: p.nextPageToken });
    }),
    defineRoute("gtm", "GET", `${V2}/accounts/{account}`, (_req, params) =>
      ok(renderAccount(findAccount(world, params.account))),
    ),
    defineRoute("gtm", "GET", `${V2}/accounts/{account}/containers`, (req, params) => {
      const account = findAccount(world, params.account);
      const p = page(account.containers, req.query.get("pageToken"), pageSize);
      return ok({
        container: p.items.map((c) => renderContainer(account.accountId, c)),
        nextPageToken: p.nextPageToken,
      });
    }),
    defineRoute("gtm", "GET", `${V2}/accounts/{account}/containers/{container}`, (_req, params) =>
      ok(renderContainer(params.account, findContainer(world, params))),
    ),
    defineRoute("gtm", "POST", `${V2}/accounts/{account}/containers`, (req, params) => {
      findAccount(world, params.account);
      const body = (req.body ?? {}) as { name?: string; usageContext?: string[] };
      if (!body.name)
        throw new ApiError(400, "INVALID_ARGUMENT", "container.name: The value must not be empty", "invalid");
      const container = addContainer(world.state, params.account, body.name);
      if (body.usageContext?.length) container.usageContext = body.usageContext;
      world.changed();
      return ok(renderContainer(params.account, container));
    }),
  ];
}
