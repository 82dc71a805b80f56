// properties/{p}/customDimensions: create, list, get, patch (updateMask required), :archive.
// parameterName and scope are immutable; archived dimensions are not listed and free their slot.
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import type { World } from "../world.js";
import { adminPageSize, parseUpdateMask, property } from "./locate.js";
import type { Ga4Property, StoredCustomDimension } from "./types.js";

const P = "/v1beta/properties/{property}";
const SCOPES: Record<string, string> = {
  EVENT: "EVENT",
  USER: "USER",
  ITEM: "ITEM",
  "1": "EVENT",
  "2": "USER",
  "3": "ITEM",
};
const NAME_LIMIT: Record<string, number> = { EVENT: 40, USER: 24, ITEM: 40 };

interface DimensionBody {
  parameterName?: string;
  displayName?: string;
  description?: string;
  scope?: string | number;
  disallowAdsPersonalization?: boolean;
}

const invalid = (message: string) => new ApiError(400, "INVALID_ARGUMENT", message, "badRequest");

function render(p: Ga4Property, d: StoredCustomDimension): unknown {
  return {
    name: `properties/${p.propertyId}/customDimensions/${d.id}`,
    parameterName: d.parameterName,
    displayName: d.displayName,
    ...(d.description ? { description: d.description } : {}),
    scope: d.scope,
    ...(d.disallowAdsPersonalization !== undefined
      ? { disallowAdsPersonalization: d.disallowAdsPersonalization }
      : {}),
  };
}

function checkDisplayName(name: unknown): string {
  if (typeof name !== "string" || !/^[A-Za-z][A-Za-z0-9_ ]{0,81}$/.test(name)) {
    throw invalid(
      "displayName: must start with a letter, use letters, digits, underscores and spaces, ≤ 82 characters.",
    );
  }
  return name;
}

function find(p: Ga4Property, id: string): StoredCustomDimension {
  const d = p.customDimensions.find((x) => x.id === id && !x.archived);
  if (!d)
    throw new ApiError(
      404,
      "NOT_FOUND",
      `Custom dimension properties/${p.propertyId}/customDimensions/${id} not found.`,
      "notFound",
    );
  return d;
}

export function customDimensionRoutes(world: World): Route[] {
  const limits = (): Record<string, number> => ({
    EVENT: world.options.customDimensionLimit,
    USER: 25,
    ITEM: 10,
  });
  return [
    defineRoute("ga4-admin", "POST", `${P}/customDimensions`, (req, params) => {
      const p = property(world, params.property);
      const body = (req.body ?? {}) as DimensionBody;
      const scope = SCOPES[String(body.scope)];
      if (!scope) throw invalid("scope: must be EVENT, USER or ITEM.");
      const parameterName = body.parameterName ?? "";
      if (!new RegExp(`^[A-Za-z][A-Za-z0-9_]{0,${NAME_LIMIT[scope] - 1}}$`).test(parameterName)) {
        throw invalid(
          `parameterName: "${parameterName}" is not valid for ${scope} scope (≤ ${NAME_LIMIT[scope]} characters).`,
        );
      }
      const displayName = checkDisplayName(body.displayName);
      const active = p.customDimensions.filter((d) => !d.archived && d.scope === scope);
      if (active.some((d) => d.parameterName === parameterName)) {
        throw new ApiError(
          409,
          "ALREADY_EXISTS",
          `Custom dimension with parameter name "${parameterName}" already exists.`,
          "alreadyExists",
        );
      }
      if (active.length >= limits()[scope]) {
        throw new ApiError(
          429,
          "RESOURCE_EXHAUSTED",
          `Property properties/${p.propertyId} has reached the limit of ${limits()[scope]} ${scope} scoped custom dimensions.`,
          "limitExceeded",
        );
      }
      const dimension: StoredCustomDimension = {
        id: String(p.nextId++),
        parameterName,
        displayName,
        scope,
        archived: false,
      };
      if (body.description) dimension.description = body.description;
      if (body.disallowAdsPersonalization !== undefined)
        dimension.disallowAdsPersonalization = body.disallowAdsPersonalization;
      p.customDimensions.push(dimension);
      world.changed();
      return ok(render(p, dimension));
    }),
    defineRoute("ga4-admin", "GET", `${P}/customDimensions`, (req, params) => {
      const p = property(world, params.property);
      const active = p.customDimensions.filter((d) => !d.archived);
      const result = page(active, req.query.get("pageToken"), adminPageSize(req.query.get("pageSize")));
      return ok({
        customDimensions: result.items.map((d) => render(p, d)),
        nextPageToken: result.nextPageToken,
      });
    }),
    defineRoute("ga4-admin", "GET", `${P}/customDimensions/{id}`, (_req, params) => {
      const p = property(world, params.property);
      return ok(render(p, find(p, params.id)));
    }),
    defineRoute("ga4-admin", "PATCH", `${P}/customDimensions/{id}`, (req, params) => {
      const p = property(world, params.property);
      const d = find(p, params.id);
      const mask = parseUpdateMask(req.query.get("updateMask"));
      if (mask.length === 0) throw invalid("updateMask: The update mask is required and must not be empty.");
      const body = (req.body ?? {}) as DimensionBody;
      const next = { ...d };
      for (const field of mask) {
        if (field === "displayName") next.displayName = checkDisplayName(body.displayName);
        else if (field === "description") next.description = body.description ?? "";
        else if (field === "disallowAdsPersonalization")
          next.disallowAdsPersonalization = body.disallowAdsPersonalization;
        else if (field === "parameterName" || field === "scope")
          throw invalid(`updateMask: Field ${field} is immutable.`);
        else throw invalid(`updateMask: Field ${field} cannot be updated.`);
      }
      Object.assign(d, next);
      world.changed();
      return ok(render(p, d));
    }),
    defineRoute("ga4-admin", "POST", `${P}/customDimensions/{id}:archive`, (_req, params) => {
      const p = property(world, params.property);
      find(p, params.id).archived = true;
      world.changed();
      return ok({});
    }),
  ];
}
