// Model Condition → GTM Condition: camelCase type, arg0 (the variable) and arg1 (the value) as
// TEMPLATE parameters, optional BOOLEAN ignore_case / negate exactly as GTM writes them (only when true).
import type { Condition, ConditionOp } from "../project/model.js";
import type { CompileContext } from "./context.js";
import type { GtmCondition } from "./desired-state.js";
import { boolean, template } from "./gtm-parameter.js";

export const GTM_CONDITION_TYPE: Record<ConditionOp, string> = {
  equals: "equals",
  contains: "contains",
  starts_with: "startsWith",
  ends_with: "endsWith",
  matches: "matchRegex",
  css: "cssSelector",
  gt: "greater",
  gte: "greaterOrEquals",
  lt: "less",
  lte: "lessOrEquals",
};

export const MODEL_CONDITION_OP: ReadonlyMap<string, ConditionOp> = new Map(
  (Object.entries(GTM_CONDITION_TYPE) as [ConditionOp, string][]).map(([op, t]) => [t, op]),
);

export function gtmCondition(
  type: string,
  arg0: string,
  arg1: string,
  opts: { negate?: boolean; ignoreCase?: boolean } = {},
): GtmCondition {
  const parameter = [template("arg0", arg0), template("arg1", arg1)];
  if (opts.ignoreCase) parameter.push(boolean("ignore_case", true));
  if (opts.negate) parameter.push(boolean("negate", true));
  return { type, parameter };
}

export function compileCondition(c: Condition, ctx: CompileContext): GtmCondition {
  return gtmCondition(GTM_CONDITION_TYPE[c.op], ctx.value(c.subject), String(c.value), {
    negate: c.negate,
    ignoreCase: c.ignoreCase,
  });
}

export function compileConditions(cs: Condition[], ctx: CompileContext): GtmCondition[] | undefined {
  return cs.length === 0 ? undefined : cs.map((c) => compileCondition(c, ctx));
}

/** "Enable this trigger when" default GTM requires for wait-for-tags/validation and timers. */
export function allPagesAutoEventFilter(ctx: CompileContext): GtmCondition[] {
  return [gtmCondition("matchRegex", ctx.builtIn("page_url"), ".*")];
}
