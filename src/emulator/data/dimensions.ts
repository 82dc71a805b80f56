// Dimensions as per-event accessors over the store's columns. Each event maps to an integer
// code (a dictionary id, a day number, ...) so grouping and filter caching work on numbers.

import { ApiError } from "../http/route.js";
import { Dictionary } from "./dictionary.js";
import type { EventColumns, EventStore } from "./event-store.js";

export const NOT_SET = "(not set)";
const DAY_MICROS = 86_400_000_000;

export interface DimensionAccessor {
  name: string;
  code(i: number): number;
  label(code: number): string;
}

export const SUPPORTED_DIMENSIONS = ["eventName", "date", "pagePath", "sessionSource", "customEvent:<param>"];

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
      return dict(cols.source);
    case "date":
      return { name, code: (i) => dayOf(cols.time[i] as number), label: yyyymmdd };
  }
  if (name.startsWith("customEvent:")) return paramAccessor(name, store, cols);
  throw new ApiError(
    400,
    "INVALID_ARGUMENT",
    `Field ${name} is not a valid dimension. Did you mean one of ${SUPPORTED_DIMENSIONS.join(", ")}?`,
  );
}

/** customEvent:<param>: the event parameter's value; numbers are labelled by their decimal form. */
function paramAccessor(name: string, store: EventStore, cols: EventColumns): DimensionAccessor {
  const keyId = store.strings.find(name.slice("customEvent:".length));
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
          c = labels.intern(store.strings.value(s));
          strCodes.set(s, c);
        }
        return c;
      }
      return notSet;
    },
    label: (c) => labels.value(c),
  };
}
