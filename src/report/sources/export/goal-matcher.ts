// Which export rows are a goal's hits. A goal is matched by its GA4 event name; when that name is
// shared (a reserved event like page_view reused on purpose, or several goals on one event) the
// trigger's conditions are re-evaluated from event_params, since GTM's filtering is not visible
// in the export. Conditions that cannot be evaluated there become caveats, never silent misses.
import type { BuiltinName, Condition, ConditionOp, Goal, Project } from "../../../project/model.js";
import { reportConditions, sharedEventGoals, subjectName } from "../../query-plan.js";

/** A value read from one event row: an event parameter, or a part of page_location. */
export type RowValue = { param: string } | { urlPart: "path" | "hostname" };

export interface ParamPredicate {
  value: RowValue;
  op: Exclude<ConditionOp, "css">;
  operand: string | number;
  negate: boolean;
  ignoreCase: boolean;
}

export interface GoalMatcher {
  goalId: string;
  kind: "macro" | "micro";
  event: string;
  predicates: ParamPredicate[];
}

export interface MatcherResult {
  matchers: GoalMatcher[];
  caveats: string[];
}

/** GA4 web-stream parameter that carries a GTM built-in (enhanced measurement names). */
const builtinParam: Partial<Record<BuiltinName, RowValue>> = {
  page_url: { param: "page_location" },
  page_path: { urlPart: "path" },
  page_hostname: { urlPart: "hostname" },
  referrer: { param: "page_referrer" },
  click_url: { param: "link_url" },
  click_text: { param: "link_text" },
  click_id: { param: "link_id" },
  click_classes: { param: "link_classes" },
  form_id: { param: "form_id" },
  form_url: { param: "form_destination" },
  video_url: { param: "video_url" },
  video_title: { param: "video_title" },
  video_provider: { param: "video_provider" },
  video_percent: { param: "video_percent" },
  video_current_time: { param: "video_current_time" },
  video_duration: { param: "video_duration" },
  scroll_depth_threshold: { param: "percent_scrolled" },
};

export function goalMatchers(project: Project): MatcherResult {
  // Which goals and conditions: the same rule as the Data API path (report/query-plan.ts).
  const shared = sharedEventGoals(project);
  const caveats: string[] = [];
  const matchers = project.goals.map((goal) => {
    const predicates: ParamPredicate[] = [];
    for (const c of reportConditions(goal, shared)) {
      const p = predicate(goal, c);
      if (p) predicates.push(p);
      else
        caveats.push(
          `goal ${goal.id}: condition on ${subjectName(c)} cannot be read from the export; ignored`,
        );
    }
    return { goalId: goal.id, kind: goal.kind, event: goal.event, predicates };
  });
  return { matchers, caveats };
}

function predicate(goal: Goal, c: Condition): ParamPredicate | undefined {
  if (c.op === "css") return undefined;
  const value = rowValue(goal, c);
  if (!value) return undefined;
  return { value, op: c.op, operand: c.value, negate: c.negate, ignoreCase: c.ignoreCase };
}

function rowValue(goal: Goal, c: Condition): RowValue | undefined {
  // A goal parameter fed from the same source is the most direct record of the value.
  const own = goal.params.find((p) => JSON.stringify(p.from) === JSON.stringify(c.subject));
  if (own) return { param: own.name };
  if ("builtin" in c.subject) return builtinParam[c.subject.builtin];
  return undefined;
}

/** A parameter the predicates read: on which goals' events, and as text, as a number, or both. */
export interface ParamRead {
  key: string;
  events: string[];
  text: boolean;
  number: boolean;
}

const NUMERIC_OPS = new Set(["gt", "gte", "lt", "lte"]);

/** Every parameter any predicate reads (by key), with where and how it is read. */
export function paramReads(matchers: GoalMatcher[]): ParamRead[] {
  const reads = new Map<string, { events: Set<string>; text: boolean; number: boolean }>();
  for (const m of matchers)
    for (const p of m.predicates) {
      const key = "param" in p.value ? p.value.param : "page_location";
      const r = reads.get(key) ?? { events: new Set<string>(), text: false, number: false };
      r.events.add(m.event);
      // A URL part is cut from the text; a comparison reads the number (a URL part never is one).
      if ("urlPart" in p.value) r.text = true;
      else if (NUMERIC_OPS.has(p.op)) r.number = true;
      else r.text = true;
      reads.set(key, r);
    }
  return [...reads.keys()].sort().map((key) => {
    const r = reads.get(key) as { events: Set<string>; text: boolean; number: boolean };
    return { key, events: [...r.events].sort(), text: r.text, number: r.number };
  });
}

/** Every event parameter any predicate reads (page_location for URL parts). */
export function neededParams(matchers: GoalMatcher[]): string[] {
  return paramReads(matchers).map((r) => r.key);
}

/** Whether any predicate reads a part of the page URL (its path or host, cut from page_location). */
export function readsUrl(matchers: GoalMatcher[]): boolean {
  return matchers.some((g) => g.predicates.some((p) => "urlPart" in p.value));
}
