// A report's dimensionFilter (FilterExpression over dimensions) as a predicate over event
// indexes. Each leaf caches its verdict per dimension code, so a million-event scan evaluates
// each distinct value once.

import { ApiError } from "../http/route.js";
import { type DimensionAccessor, dimensionAccessor, NOT_SET } from "./dimensions.js";
import type { EventColumns, EventStore } from "./event-store.js";
import { compileExpression, type Predicate } from "./filter-expression.js";
import { betweenPredicate, inListPredicate, numericPredicate, stringPredicate } from "./string-match.js";

type ValueTest = (label: string) => boolean;

/** Test of one dimension value from a Filter body (string, inList, numeric, between, empty). */
export function valueTest(body: Record<string, unknown>, field: string): ValueTest {
  if (body.stringFilter) return stringPredicate(body.stringFilter as never, field);
  if (body.inListFilter) return inListPredicate(body.inListFilter as never);
  if (body.numericFilter) {
    const p = numericPredicate(body.numericFilter as never, field);
    return (v) => p(Number(v));
  }
  if (body.betweenFilter) {
    const p = betweenPredicate(body.betweenFilter as never);
    return (v) => p(Number(v));
  }
  if (body.emptyFilter) return (v) => v === "" || v === NOT_SET;
  throw new ApiError(
    400,
    "INVALID_ARGUMENT",
    `${field}: a filter must set stringFilter, inListFilter, numericFilter, betweenFilter or emptyFilter.`,
  );
}

export function cachedTest(acc: DimensionAccessor, test: ValueTest): Predicate<number> {
  const cache = new Map<number, boolean>();
  return (i) => {
    const code = acc.code(i);
    let hit = cache.get(code);
    if (hit === undefined) {
      hit = test(acc.label(code));
      cache.set(code, hit);
    }
    return hit;
  };
}

export function eventFilter(
  expr: unknown,
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<number> {
  return compileExpression<number>(
    expr,
    ["filter"],
    (_key, body) => {
      const field = String(body.fieldName ?? "");
      return cachedTest(dimensionAccessor(field, store, cols), valueTest(body, `${path}.${field}`));
    },
    path,
  );
}
