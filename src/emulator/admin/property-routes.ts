// properties: get and list (filter "parent:accounts/N" or "ancestor:accounts/N", required as in Google).
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import type { World } from "../world.js";
import { adminPageSize, property } from "./locate.js";
import type { Ga4Property } from "./types.js";

function render(p: Ga4Property): unknown {
  return {
    name: `properties/${p.propertyId}`,
    propertyType: "PROPERTY_TYPE_ORDINARY",
    parent: `accounts/${p.accountId}`,
    displayName: p.displayName,
    timeZone: "Etc/UTC",
    currencyCode: "EUR",
    serviceLevel: "GOOGLE_ANALYTICS_STANDARD",
    createTime: p.createTime,
    updateTime: p.createTime,
    account: `accounts/${p.accountId}`,
  };
}

export function propertyRoutes(world: World): Route[] {
  return [
    defineRoute("ga4-admin", "GET", "/v1beta/properties", (req) => {
      const filter = /^(?:parent|ancestor):accounts\/(\d+)$/.exec(req.query.get("filter") ?? "");
      if (!filter) {
        throw new ApiError(
          400,
          "INVALID_ARGUMENT",
          "filter: must be parent:accounts/{id} or ancestor:accounts/{id}.",
          "badRequest",
        );
      }
      const matching = world.state.ga4.properties.filter((p) => p.accountId === filter[1]);
      const result = page(matching, req.query.get("pageToken"), adminPageSize(req.query.get("pageSize")));
      return ok({ properties: result.items.map(render), nextPageToken: result.nextPageToken });
    }),
    defineRoute("ga4-admin", "GET", "/v1beta/properties/{property}", (_req, params) =>
      ok(render(property(world, params.property))),
    ),
  ];
}
