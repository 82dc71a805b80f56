// Dimensions as per-event accessors over the store's columns. Each event maps to an integer
// code (a dictionary id, a day number, ...) so grouping and filter caching work on numbers.

import { ApiError } from "../http/route.js";
import { Dictionary } from "./dictionary.js";
import type { EventColumns, EventStore } from "./event-store.js";
import { sessionTrafficAccessor } from "./session-traffic.js";
import {
  channelAccessor,
  firstUserAccessor,
  landingPageAccessor,
  newVsReturningAccessor,
} from "./traffic-dimensions.js";

export const NOT_SET = "(not set)";
const DAY_MICROS = 86_400_000_000;

export interface DimensionAccessor {
  name: string;
  code(i: number): number;
  label(code: number): string;
}

export const SUPPORTED_DIMENSIONS = [
  "eventName",
  "date",
  "pagePath",
  "pageLocation",
  "hostName",
  "sessionSource",
  "sessionMedium",
  "sessionCampaignName",
  "sessionDefaultChannelGroup",
  "firstSessionDate",
  "deviceCategory",
  "country",
  "newVsReturning",
  "landingPage",
  "firstUserDefaultChannelGroup",
  "firstUserSource",
  "firstUserMedium",
  "firstUserCampaignName",
  "customEvent:<param>",
];

/** GA4's hostName: the host of page_location (no port), "(not set)" when it has none. */
export function hostOf(location: string): string {
  return /^[^:/?#]+:\/\/([^/?#:]+)/.exec(location)?.[1] ?? NOT_SET;
}

export function dayOf(timestampMicros: number): number {
  return Math.floor(timestampMicros / DAY_MICROS);
}

/** Day number (days since 1970-01-01 UTC) → "YYYYMMDD". */
export function yyyymmdd(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
}

export function dimensionAccessor(name: string, store: EventStore, cols: EventColumns): DimensionAccessor {
  const dict = (column: Uint32Array): DimensionAccessor => ({
    name,
    code: (i) => column[i] as number,
    label: (c) => store.strings.value(c),
  });
  switch (name) {
    case "eventName":
      return dict(cols.event);
    case "pagePath":
      return dict(cols.page);
    case "sessionSource":
    case "sessionMedium":
    case "sessionCampaignName":
    case "sessionDefaultChannelGroup":
      return sessionTrafficAccessor(name, store, cols);
    case "deviceCategory":
    case "country":
      return dict(cols.traffic[name]);
    case "firstUserSource":
    case "firstUserMedium":
    case "firstUserCampaignName":
      return firstUserAccessor(name, cols.traffic[name], store, cols);
    case "firstUserDefaultChannelGroup":
      return channelAccessor(name, store, cols);
    case "newVsReturning":
      return newVsReturningAccessor(name, store, cols);
    case "landingPage":
      return landingPageAccessor(name, store, cols);
    case "date":
      return { name, code: (i) => dayOf(cols.time[i] as number), label: yyyymmdd };
    case "firstSessionDate": {
      // User-scoped: the day of the user's first event in the property, whatever the date range.
      const first = firstDayOfUser(store, cols);
      return { name, code: (i) => first(i), label: yyyymmdd };
    }
    case "pageLocation":
      return paramAccessor(name, "page_location", store, cols);
    case "hostName":
      return paramAccessor(name, "page_location", store, cols, hostOf);
  }
  if (name.startsWith("customEvent:"))
    return paramAccessor(name, name.slice("customEvent:".length), store, cols);
  throw new ApiError(
    400,
    "INVALID_ARGUMENT",
    `Field ${name} is not a valid dimension. Did you mean one of ${SUPPORTED_DIMENSIONS.join(", ")}?`,
  );
}

/**
 * An event parameter's value (customEvent:<param>, pageLocation), or `derive` of its text value
 * (hostName); numbers are labelled by their decimal form.
 */
function paramAccessor(
  name: string,
  param: string,
  store: EventStore,
  cols: EventColumns,
  derive: (text: string) => string = (t) => t,
): DimensionAccessor {
  const keyId = store.strings.find(param);
  const labels = new Dictionary();
  const notSet = labels.intern(NOT_SET);
  const strCodes = new Map<number, number>();
  return {
    name,
    code(i) {
      if (keyId < 0) return notSet;
      for (let p = cols.paramOffset[i] as number; p < (cols.paramOffset[i + 1] as number); p++) {
        if (cols.paramKey[p] !== keyId) continue;
        const s = cols.paramStr[p] as number;
        if (s < 0) return labels.intern(String(cols.paramNum[p]));
        let c = strCodes.get(s);
        if (c === undefined) {
          c = labels.intern(derive(store.strings.value(s)));
          strCodes.set(s, c);
        }
        return c;
      }
      return notSet;
    },
    label: (c) => labels.value(c),
  };
}

const firstDays = new WeakMap<EventStore, { version: number; days: Map<number, number> }>();

/** Event index → day of its user's first event in the same property (cached until the store changes). */
function firstDayOfUser(store: EventStore, cols: EventColumns): (i: number) => number {
  let hit = firstDays.get(store);
  if (!hit || hit.version !== store.version) {
    const days = new Map<number, number>();
    for (let i = 0; i < cols.count; i++) {
      // Users are keyed per property: the same client id in two properties is two users.
      const key = (cols.property[i] as number) * 4_294_967_296 + (cols.user[i] as number);
      const d = dayOf(cols.time[i] as number);
      const seen = days.get(key);
      if (seen === undefined || d < seen) days.set(key, d);
    }
    hit = { version: store.version, days };
    firstDays.set(store, hit);
  }
  const days = hit.days;
  return (i) => days.get((cols.property[i] as number) * 4_294_967_296 + (cols.user[i] as number)) as number;
}
