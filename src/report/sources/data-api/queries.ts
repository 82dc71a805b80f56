// The Data API requests a report needs, built from the report plan (pure). Which count comes from
// which request, and why that is the fewest requests the API allows, is in docs/report.md:
//
//   batch 1..k (batchRunReports, ≤ 5 reports each, v1beta):
//     "goal totals"  runReport by eventName: totalUsers + eventCount of every goal event (1 report)
//     "all users"    runReport, no dimension: totalUsers of the property (1 report)
//   funnels (runFunnelReport, v1alpha, one request each; the API has no batch for funnels):
//     "pair a→b"     open 2-step funnel micro → macro within the window, in two user segments
//                    (pair-funnel.ts): convertedAfterMicro and convertedWithoutMicro, each one count
//     "funnel id"    every spec funnel, open or closed, each step within the funnel's window
//
// convertedWithoutMicro is measured directly (users excluded for the micro goal who reached the
// macro step), not as users(micro ∪ macro) − users(micro): GA4 counts users with HyperLogLog++,
// and a difference of two estimates of ~38,000 users cannot carry a baseline of a dozen.
//
// A goal on a shared event (page_view with a path condition) is selected by its event name AND its
// conditions (goal-filter.ts): it gets its own "goal <selection>" report (totalUsers + eventCount
// under that filter) instead of a row of "goal totals", and the same filter in its pair segments
// and funnel steps. Requests are deduplicated by selection, not by event name.
import type { DateRange } from "../../model.js";
import { resolveDate } from "../../period.js";
import type { ReportPlan } from "../../query-plan.js";
import {
  funnelStepFilter,
  type GoalSelection,
  goalSelection,
  reportFilter,
  selectionKey,
} from "./goal-filter.js";
import { pairFunnelRequest } from "./pair-funnel.js";

export interface NamedReport {
  name: string;
  request: Record<string, unknown>;
}

export interface QueryPlan {
  /** runReport requests grouped into batches of at most 5 */
  batches: NamedReport[][];
  /** runFunnelReport requests */
  funnels: NamedReport[];
}

export const MAX_BATCH = 5;

const dateRanges = (r: DateRange) => [{ startDate: r.since, endDate: r.until }];
const eventIn = (events: string[]) => ({
  filter: { fieldName: "eventName", inListFilter: { values: events, caseSensitive: true } },
});

export function goalTotalsRequest(events: string[], range: DateRange): Record<string, unknown> {
  return {
    dateRanges: dateRanges(range),
    dimensions: [{ name: "eventName" }],
    metrics: [{ name: "totalUsers" }, { name: "eventCount" }],
    dimensionFilter: eventIn(events),
    limit: 250000,
    returnPropertyQuota: true,
  };
}

/** Users and events of one filtered goal selection (no dimension: one row). */
export function selectionTotalsRequest(s: GoalSelection, range: DateRange): Record<string, unknown> {
  return {
    dateRanges: dateRanges(range),
    metrics: [{ name: "totalUsers" }, { name: "eventCount" }],
    dimensionFilter: reportFilter(s),
    returnPropertyQuota: true,
  };
}

export function allUsersRequest(range: DateRange): Record<string, unknown> {
  return { dateRanges: dateRanges(range), metrics: [{ name: "totalUsers" }], returnPropertyQuota: true };
}

export function funnelRequest(
  steps: { name: string; selection: GoalSelection }[],
  windowSeconds: number,
  open: boolean,
  range: DateRange,
): Record<string, unknown> {
  return {
    dateRanges: dateRanges(range),
    funnel: {
      isOpenFunnel: open,
      steps: steps.map((s, i) => ({
        name: s.name,
        filterExpression: funnelStepFilter(s.selection),
        ...(i > 0 ? { withinDurationFromPriorStep: { seconds: windowSeconds } } : {}),
      })),
    },
    returnPropertyQuota: true,
  };
}

export const pairFunnelName = (micro: string, macro: string, window: number) =>
  `pair ${micro}→${macro} ${window}s`;
export const specFunnelName = (id: string) => `funnel ${id}`;
export const selectionName = (key: string) => `goal ${key}`;
export const GOAL_TOTALS = "goal totals";
export const ALL_USERS = "all users";

/** Every goal's selection, by goal id (goals outside the plan select their event alone). */
export function selections(plan: ReportPlan): (goalId: string, event: string) => GoalSelection {
  const byId = new Map(plan.goals.map((g) => [g.goalId, goalSelection(g)]));
  return (goalId, event) => byId.get(goalId) ?? { event, fields: [], unchecked: [] };
}

/** Every request of a report, deduplicated by selection (goals may share an event). */
export function planQueries(plan: ReportPlan, range: DateRange, now: Date = new Date()): QueryPlan {
  // An invalid date is the API's to refuse (one clear error); the edge step is then left out.
  let resolved: { since: string; until: string } | undefined;
  try {
    resolved = { since: resolveDate(range.since, now), until: resolveDate(range.until, now) };
  } catch {
    resolved = undefined;
  }
  const selectionOf = selections(plan);
  const goalSelections = plan.goals.map((g) => selectionOf(g.goalId, g.event));
  const reports: NamedReport[] = [];
  const events = [...new Set(goalSelections.filter((s) => s.fields.length === 0).map((s) => s.event))].sort();
  if (events.length > 0) reports.push({ name: GOAL_TOTALS, request: goalTotalsRequest(events, range) });
  reports.push({ name: ALL_USERS, request: allUsersRequest(range) });
  const funnels: NamedReport[] = [];
  const seen = new Set<string>();
  for (const s of goalSelections) {
    const name = selectionName(selectionKey(s));
    if (s.fields.length === 0 || seen.has(name)) continue;
    seen.add(name);
    reports.push({ name, request: selectionTotalsRequest(s, range) });
  }
  for (const p of plan.pairs) {
    const micro = selectionOf(p.microId, p.microEvent);
    const macro = selectionOf(p.macroId, p.macroEvent);
    const f = pairFunnelName(selectionKey(micro), selectionKey(macro), p.windowSeconds);
    if (!seen.has(f)) {
      seen.add(f);
      funnels.push({ name: f, request: pairFunnelRequest(micro, macro, p.windowSeconds, range, resolved) });
    }
  }
  for (const f of plan.funnels) {
    const steps = f.steps.map((s) => ({ name: s.goalId, selection: selectionOf(s.goalId, s.event) }));
    funnels.push({
      name: specFunnelName(f.funnelId),
      request: funnelRequest(steps, f.windowSeconds, f.open, range),
    });
  }
  const batches: NamedReport[][] = [];
  for (let i = 0; i < reports.length; i += MAX_BATCH) batches.push(reports.slice(i, i + MAX_BATCH));
  return { batches, funnels };
}
