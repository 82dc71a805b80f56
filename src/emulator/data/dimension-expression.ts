// A request's Dimension: a plain name (dimensions.ts) or a dimensionExpression. Supported:
// `concatenate` (the named dimensions' values joined by the delimiter, GA4's way to break a funnel
// down by several dimensions at once), `lowerCase` and `upperCase`.
import { ApiError } from "../http/route.js";
import { Dictionary } from "./dictionary.js";
import { type DimensionAccessor, dimensionAccessor } from "./dimensions.js";
import type { EventColumns, EventStore } from "./event-store.js";

export interface DimensionBody {
  name?: string;
  dimensionExpression?: {
    concatenate?: { dimensionNames?: string[]; delimiter?: string };
    lowerCase?: { dimensionName?: string };
    upperCase?: { dimensionName?: string };
  };
}

export function dimensionOf(body: DimensionBody, store: EventStore, cols: EventColumns): DimensionAccessor {
  const name = body.name ?? "";
  const x = body.dimensionExpression;
  if (!x) return dimensionAccessor(name, store, cols);
  if (x.concatenate) {
    const parts = (x.concatenate.dimensionNames ?? []).map((n) => dimensionAccessor(n, store, cols));
    if (parts.length === 0)
      throw new ApiError(400, "INVALID_ARGUMENT", `Dimension ${name}: concatenate needs dimensionNames.`);
    const delimiter = x.concatenate.delimiter ?? "";
    return derived(name, (i) => parts.map((p) => p.label(p.code(i))).join(delimiter));
  }
  const one = x.lowerCase ?? x.upperCase;
  if (one) {
    const part = dimensionAccessor(one.dimensionName ?? "", store, cols);
    const lower = x.lowerCase !== undefined;
    return derived(name, (i) => {
      const v = part.label(part.code(i));
      return lower ? v.toLowerCase() : v.toUpperCase();
    });
  }
  throw new ApiError(400, "INVALID_ARGUMENT", `Dimension ${name}: unsupported dimensionExpression.`);
}

function derived(name: string, value: (i: number) => string): DimensionAccessor {
  const labels = new Dictionary();
  return { name, code: (i) => labels.intern(value(i)), label: (c) => labels.value(c) };
}
