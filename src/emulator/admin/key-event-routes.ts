// properties/{p}/keyEvents: create, list, get, patch (updateMask required), delete.
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import { timestampAt } from "../logical-clock.js";
import type { World } from "../world.js";
import { adminPageSize, parseUpdateMask, property } from "./locate.js";
import type { Ga4Property, StoredKeyEvent } from "./types.js";

const P = "/v1beta/properties/{property}";

/** Enum strings and the integer encodings some clients send. */
const COUNTING_METHODS: Record<string, string> = {
  ONCE_PER_EVENT: "ONCE_PER_EVENT",
  ONCE_PER_SESSION: "ONCE_PER_SESSION",
  "1": "ONCE_PER_EVENT",
  "2": "ONCE_PER_SESSION",
};

interface KeyEventBody {
  eventName?: string;
  countingMethod?: string | number;
  defaultValue?: { numericValue?: number; currencyCode?: string };
}

const invalid = (message: string) => new ApiError(400, "INVALID_ARGUMENT", message, "badRequest");

function render(p: Ga4Property, k: StoredKeyEvent): unknown {
  return {
    name: `properties/${p.propertyId}/keyEvents/${k.id}`,
    eventName: k.eventName,
    createTime: k.createTime,
    deletable: k.deletable,
    custom: k.custom,
    countingMethod: k.countingMethod,
    ...(k.defaultValue ? { defaultValue: k.defaultValue } : {}),
  };
}

function countingMethod(raw: unknown): string {
  const method = raw === undefined ? undefined : COUNTING_METHODS[String(raw)];
  if (!method)
    throw invalid(
      "countingMethod: The key event counting method is required (ONCE_PER_EVENT or ONCE_PER_SESSION).",
    );
  return method;
}

function defaultValue(raw: KeyEventBody["defaultValue"]): StoredKeyEvent["defaultValue"] {
  if (raw === undefined) return undefined;
  if (typeof raw.numericValue !== "number" || !/^[A-Z]{3}$/.test(raw.currencyCode ?? "")) {
    throw invalid("defaultValue: numericValue and an ISO 4217 currencyCode are required.");
  }
  return { numericValue: raw.numericValue, currencyCode: raw.currencyCode! };
}

function find(p: Ga4Property, id: string): StoredKeyEvent {
  const k = p.keyEvents.find((e) => e.id === id);
  if (!k)
    throw new ApiError(
      404,
      "NOT_FOUND",
      `Key event properties/${p.propertyId}/keyEvents/${id} not found.`,
      "notFound",
    );
  return k;
}

export function keyEventRoutes(world: World): Route[] {
  return [
    defineRoute("ga4-admin", "POST", `${P}/keyEvents`, (req, params) => {
      const p = property(world, params.property);
      const body = (req.body ?? {}) as KeyEventBody;
      const eventName = body.eventName ?? "";
      if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(eventName))
        throw invalid(`eventName: "${eventName}" is not a valid event name.`);
      if (p.keyEvents.some((k) => k.eventName === eventName)) {
        throw new ApiError(
          409,
          "ALREADY_EXISTS",
          `Key event with event name "${eventName}" already exists.`,
          "alreadyExists",
        );
      }
      if (p.keyEvents.filter((k) => k.custom).length >= world.options.keyEventLimit) {
        throw new ApiError(
          429,
          "RESOURCE_EXHAUSTED",
          `Property properties/${p.propertyId} has reached the limit of ${world.options.keyEventLimit} key events.`,
          "limitExceeded",
        );
      }
      world.state.clock++;
      const keyEvent: StoredKeyEvent = {
        id: String(p.nextId++),
        eventName,
        countingMethod: countingMethod(body.countingMethod),
        custom: true,
        deletable: true,
        createTime: timestampAt(world.state.clock),
      };
      const value = defaultValue(body.defaultValue);
      if (value) keyEvent.defaultValue = value;
      p.keyEvents.push(keyEvent);
      world.changed();
      return ok(render(p, keyEvent));
    }),
    defineRoute("ga4-admin", "GET", `${P}/keyEvents`, (req, params) => {
      const p = property(world, params.property);
      const result = page(p.keyEvents, req.query.get("pageToken"), adminPageSize(req.query.get("pageSize")));
      return ok({ keyEvents: result.items.map((k) => render(p, k)), nextPageToken: result.nextPageToken });
    }),
    defineRoute("ga4-admin", "GET", `${P}/keyEvents/{id}`, (_req, params) => {
      const p = property(world, params.property);
      return ok(render(p, find(p, params.id)));
    }),
    defineRoute("ga4-admin", "PATCH", `${P}/keyEvents/{id}`, (req, params) => {
      const p = property(world, params.property);
      const k = find(p, params.id);
      const mask = parseUpdateMask(req.query.get("updateMask"));
      if (mask.length === 0) throw invalid("updateMask: The update mask is required and must not be empty.");
      const body = (req.body ?? {}) as KeyEventBody;
      const next = { ...k };
      for (const field of mask) {
        if (field === "countingMethod") next.countingMethod = countingMethod(body.countingMethod);
        else if (field === "defaultValue") {
          const value = defaultValue(body.defaultValue);
          if (value) next.defaultValue = value;
          else delete next.defaultValue;
        } else if (field === "eventName") throw invalid("updateMask: Field eventName is immutable.");
        else throw invalid(`updateMask: Field ${field} cannot be updated.`);
      }
      Object.assign(k, next);
      if (!next.defaultValue) delete k.defaultValue;
      world.changed();
      return ok(render(p, k));
    }),
    defineRoute("ga4-admin", "DELETE", `${P}/keyEvents/{id}`, (_req, params) => {
      const p = property(world, params.property);
      const k = find(p, params.id);
      if (!k.deletable)
        throw new ApiError(
          400,
          "FAILED_PRECONDITION",
          `Key event "${k.eventName}" cannot be deleted.`,
          "failedPrecondition",
        );
      p.keyEvents = p.keyEvents.filter((e) => e !== k);
      world.changed();
      return ok({});
    }),
  ];
}
