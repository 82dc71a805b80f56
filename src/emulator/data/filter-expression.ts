// The boolean shell shared by FilterExpression, FunnelFilterExpression and
// FunnelParameterFilterExpression: andGroup / orGroup / notExpression around a leaf.

import { ApiError } from "../http/route.js";

export type Predicate<T> = (x: T) => boolean;

interface Expression {
  andGroup?: { expressions?: Expression[] };
  orGroup?: { expressions?: Expression[] };
  notExpression?: Expression;
  [leaf: string]: unknown;
}

/**
 * Compiles an expression; `leaf` receives the first present leaf key (e.g. "filter",
 * "funnelEventFilter") and its body.
 */
export function compileExpression<T>(
  expr: unknown,
  leafKeys: readonly string[],
  leaf: (key: string, body: Record<string, unknown>) => Predicate<T>,
  path = "filter",
): Predicate<T> {
  const e = (expr ?? {}) as Expression;
  if (e.andGroup) {
    const parts = (e.andGroup.expressions ?? []).map((x, i) =>
      compileExpression(x, leafKeys, leaf, `${path}.andGroup[${i}]`),
    );
    return (x) => parts.every((p) => p(x));
  }
  if (e.orGroup) {
    const parts = (e.orGroup.expressions ?? []).map((x, i) =>
      compileExpression(x, leafKeys, leaf, `${path}.orGroup[${i}]`),
    );
    return (x) => parts.some((p) => p(x));
  }
  if (e.notExpression) {
    const inner = compileExpression(e.notExpression, leafKeys, leaf, `${path}.notExpression`);
    return (x) => !inner(x);
  }
  for (const key of leafKeys) {
    const body = e[key];
    if (body && typeof body === "object") return leaf(key, body as Record<string, unknown>);
  }
  throw new ApiError(
    400,
    "INVALID_ARGUMENT",
    `${path}: expression must set one of andGroup, orGroup, notExpression, ${leafKeys.join(", ")}`,
  );
}
