// properties/{p}/audiences (Admin API v1alpha): create, list, get, patch (updateMask; only
// displayName, description and eventTrigger are mutable), :archive. GA4 cannot delete an audience;
// archived ones are not listed and do not count toward the limit of 100 per property.
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import type { World } from "../world.js";
import {
  checkDescription,
  checkDisplayName,
  checkEventTrigger,
  checkExclusionMode,
  checkFilterClauses,
  checkMembership,
  invalid,
} from "./audience-validation.js";
import { adminPageSize, parseUpdateMask, property } from "./locate.js";
import type { Ga4Property, StoredAudience } from "./types.js";

const P = "/v1alpha/properties/{property}";
export const AUDIENCE_LIMIT = 100;
const IMMUTABLE = new Set(["membershipDurationDays", "filterClauses", "exclusionDurationMode", "name"]);

type Json = Record<string, unknown>;

function render(p: Ga4Property, a: StoredAudience): unknown {
  return {
    name: `properties/${p.propertyId}/audiences/${a.id}`,
    displayName: a.displayName,
    description: a.description,
    membershipDurationDays: a.membershipDurationDays,
    adsPersonalizationEnabled: a.adsPersonalizationEnabled,
    ...(a.eventTrigger ? { eventTrigger: a.eventTrigger } : {}),
    ...(a.exclusionDurationMode ? { exclusionDurationMode: a.exclusionDurationMode } : {}),
    filterClauses: a.filterClauses,
    createTime: a.createTime,
  };
}

function find(p: Ga4Property, id: string): StoredAudience {
  const a = (p.audiences ?? []).find((x) => x.id === id && !x.archived);
  if (!a)
    throw new ApiError(
      404,
      "NOT_FOUND",
      `Audience properties/${p.propertyId}/audiences/${id} not found.`,
      "notFound",
    );
  return a;
}

export function audienceRoutes(world: World): Route[] {
  return [
    defineRoute("ga4-admin", "POST", `${P}/audiences`, (req, params) => {
      const p = property(world, params.property);
      const body = (req.body ?? {}) as Json;
      const audience: StoredAudience = {
        id: String(p.nextId++),
        displayName: checkDisplayName(body.displayName),
        description: checkDescription(body.description),
        membershipDurationDays: checkMembership(body.membershipDurationDays),
        filterClauses: checkFilterClauses(body.filterClauses),
        adsPersonalizationEnabled: true,
        createTime: new Date().toISOString(),
        archived: false,
      };
      const mode = checkExclusionMode(body.exclusionDurationMode);
      if (mode) audience.exclusionDurationMode = mode;
      const trigger = checkEventTrigger(body.eventTrigger);
      if (trigger) audience.eventTrigger = trigger;
      const active = (p.audiences ?? []).filter((a) => !a.archived);
      if (active.length >= AUDIENCE_LIMIT)
        throw new ApiError(
          429,
          "RESOURCE_EXHAUSTED",
          `Property properties/${p.propertyId} has reached the limit of ${AUDIENCE_LIMIT} audiences.`,
          "limitExceeded",
        );
      p.audiences = [...(p.audiences ?? []), audience];
      world.changed();
      return ok(render(p, audience));
    }),
    defineRoute("ga4-admin", "GET", `${P}/audiences`, (req, params) => {
      const p = property(world, params.property);
      const active = (p.audiences ?? []).filter((a) => !a.archived);
      const result = page(active, req.query.get("pageToken"), adminPageSize(req.query.get("pageSize")));
      return ok({ audiences: result.items.map((a) => render(p, a)), nextPageToken: result.nextPageToken });
    }),
    defineRoute("ga4-admin", "GET", `${P}/audiences/{id}`, (_req, params) => {
      const p = property(world, params.property);
      return ok(render(p, find(p, params.id)));
    }),
    defineRoute("ga4-admin", "PATCH", `${P}/audiences/{id}`, (req, params) => {
      const p = property(world, params.property);
      const a = find(p, params.id);
      const mask = parseUpdateMask(req.query.get("updateMask"));
      if (mask.length === 0) throw invalid("updateMask: The update mask is required and must not be empty.");
      const body = (req.body ?? {}) as Json;
      const next = { ...a };
      for (const field of mask) {
        if (field === "displayName") next.displayName = checkDisplayName(body.displayName);
        else if (field === "description") next.description = checkDescription(body.description);
        else if (field === "eventTrigger") {
          const t = checkEventTrigger(body.eventTrigger);
          if (t) next.eventTrigger = t;
          else delete next.eventTrigger;
        } else if (IMMUTABLE.has(field)) throw invalid(`updateMask: Field ${field} is immutable.`);
        else throw invalid(`updateMask: Field ${field} cannot be updated.`);
      }
      Object.assign(a, next);
      if (!next.eventTrigger) delete a.eventTrigger;
      world.changed();
      return ok(render(p, a));
    }),
    defineRoute("ga4-admin", "POST", `${P}/audiences/{id}:archive`, (_req, params) => {
      const p = property(world, params.property);
      find(p, params.id).archived = true;
      world.changed();
      return ok({});
    }),
  ];
}
