// A funnel step's filterExpression (FunnelFilterExpression) as a predicate over event indexes:
// funnelEventFilter (event name + parameter filters) and funnelFieldFilter (any dimension).

import { ApiError } from "../http/route.js";
import { dimensionAccessor } from "./dimensions.js";
import { cachedTest, valueTest } from "./event-filter.js";
import type { EventColumns, EventStore } from "./event-store.js";
import { compileExpression, type Predicate } from "./filter-expression.js";

export function stepPredicate(
  expr: unknown,
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<number> {
  if (!expr) throw new ApiError(400, "INVALID_ARGUMENT", `${path}: filterExpression is required.`);
  return compileExpression<number>(
    expr,
    ["funnelFieldFilter", "funnelEventFilter"],
    (key, body) => {
      if (key === "funnelFieldFilter") {
        const field = String(body.fieldName ?? "");
        return cachedTest(dimensionAccessor(field, store, cols), valueTest(body, `${path}.${field}`));
      }
      return eventFilterPredicate(body, store, cols, path);
    },
    path,
  );
}

function eventFilterPredicate(
  body: Record<string, unknown>,
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<number> {
  const name = body.eventName as string | undefined;
  const eventId = name === undefined ? -2 : store.strings.find(name);
  const byName: Predicate<number> = eventId === -2 ? () => true : (i) => cols.event[i] === eventId;
  if (!body.funnelParameterFilterExpression) return byName;
  const params = compileExpression<number>(
    body.funnelParameterFilterExpression,
    ["funnelParameterFilter"],
    (_k, leaf) => {
      const paramName = String(leaf.eventParameterName ?? "");
      if (!paramName)
        throw new ApiError(
          400,
          "INVALID_ARGUMENT",
          `${path}: only eventParameterName filters are supported.`,
        );
      const keyId = store.strings.find(paramName);
      const test = valueTest(leaf, `${path}.${paramName}`);
      return (i) => {
        if (keyId < 0) return false;
        const v = store.param(i, keyId, cols);
        return v !== undefined && test(String(v));
      };
    },
    `${path}.funnelParameterFilterExpression`,
  );
  return (i) => byName(i) && params(i);
}
