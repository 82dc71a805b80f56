// A planned goal as Data API filters (pure): its event name, plus the conditions a report must
// re-check (report/query-plan.ts) that GA4 dimensions can express — page path, URL and hostname. The same
// selection becomes a runReport dimensionFilter and a funnel step's filterExpression, so goal
// totals, pair segments and funnels all count the same events. Conditions no dimension carries
// (CSS selectors, click text, data-layer values, numeric comparisons, …) are returned as
// `unchecked` so the report can say so; they are never dropped silently.

import type { BuiltinName, Condition, ConditionOp } from "../../../project/model.js";
import type { PlannedGoal } from "../../query-plan.js";
import { subjectName } from "../../query-plan.js";

/** GA4 dimension carrying a GTM built-in, with the same meaning as the export path's reading. */
export const DIMENSION_OF: Partial<Record<BuiltinName, string>> = {
  page_path: "pagePath", // path of page_location up to "?"/"#" (report/query-plan.ts PAGE_PATH_DEFINITION)
  page_url: "pageLocation",
  page_hostname: "hostName",
};

/** GTM "matches RegEx" is a partial match, as is the export path's REGEXP_CONTAINS. */
export const MATCH_TYPE: Partial<Record<ConditionOp, string>> = {
  equals: "EXACT",
  contains: "CONTAINS",
  starts_with: "BEGINS_WITH",
  ends_with: "ENDS_WITH",
  matches: "PARTIAL_REGEXP",
};

export interface FieldCondition {
  fieldName: string;
  stringFilter: { matchType: string; value: string; caseSensitive: boolean };
  negate: boolean;
}

export interface GoalSelection {
  event: string;
  fields: FieldCondition[];
  /** conditions counted as if absent, described for the reader ("click_text equals Buy") */
  unchecked: string[];
}

/** The Data API field filter for a condition, or undefined when no dimension carries it. */
export function fieldCondition(c: Condition): FieldCondition | undefined {
  const fieldName = "builtin" in c.subject ? DIMENSION_OF[c.subject.builtin] : undefined;
  const matchType = MATCH_TYPE[c.op];
  if (!fieldName || !matchType) return undefined;
  return {
    fieldName,
    stringFilter: { matchType, value: String(c.value), caseSensitive: !c.ignoreCase },
    negate: c.negate,
  };
}

export function goalSelection(goal: Pick<PlannedGoal, "event" | "conditions">): GoalSelection {
  const fields: FieldCondition[] = [];
  const unchecked: string[] = [];
  for (const c of goal.conditions) {
    const f = fieldCondition(c);
    if (f) fields.push(f);
    else unchecked.push(`${subjectName(c)} ${c.negate ? "not " : ""}${c.op} ${String(c.value)}`);
  }
  return { event: goal.event, fields, unchecked };
}

/** Names a selection in request names and caveats: the event name alone when unfiltered. */
export function selectionKey(s: GoalSelection): string {
  if (s.fields.length === 0) return s.event;
  const parts = s.fields.map(
    (f) =>
      `${f.negate ? "not " : ""}${f.fieldName} ${f.stringFilter.matchType} ${JSON.stringify(f.stringFilter.value)}` +
      (f.stringFilter.caseSensitive ? "" : " (any case)"),
  );
  return `${s.event}[${parts.join(", ")}]`;
}

const eventExact = (event: string) => ({
  filter: { fieldName: "eventName", stringFilter: { matchType: "EXACT", value: event, caseSensitive: true } },
});
const negated = (negate: boolean, e: Record<string, unknown>) => (negate ? { notExpression: e } : e);

/** runReport dimensionFilter (FilterExpression) selecting the goal's events. */
export function reportFilter(s: GoalSelection): Record<string, unknown> {
  if (s.fields.length === 0) return eventExact(s.event);
  return {
    andGroup: {
      expressions: [
        eventExact(s.event),
        ...s.fields.map((f) =>
          negated(f.negate, { filter: { fieldName: f.fieldName, stringFilter: f.stringFilter } }),
        ),
      ],
    },
  };
}

/** Funnel step filterExpression (FunnelFilterExpression) selecting the goal's events. */
export function funnelStepFilter(s: GoalSelection): Record<string, unknown> {
  const byName = { funnelEventFilter: { eventName: s.event } };
  if (s.fields.length === 0) return byName;
  return {
    andGroup: {
      expressions: [
        byName,
        ...s.fields.map((f) =>
          negated(f.negate, { funnelFieldFilter: { fieldName: f.fieldName, stringFilter: f.stringFilter } }),
        ),
      ],
    },
  };
}
