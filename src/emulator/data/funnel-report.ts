// runFunnelReport (v1alpha). For each user, over their ordered events in the date ranges:
// step 1 is reached by any matching event (any step's matching event in an open funnel);
// step k>1 is reached by a matching event strictly after a reached step k-1 event and within
// withinDurationFromPriorStep of it; with isDirectlyFollowedBy that step k-1 event must be the
// immediately preceding event. A user counts at a step if some such path exists.
// With funnelBreakdown a user's rows carry the value at their first step (see walkUser).
// With user `segments` (user-segment.ts) the funnel is evaluated once per segment and every
// funnelTable row carries a "segment" dimension. Users are counted by the settings' distinct
// counter (GA4: HLL++ sketches of the users reaching each step).

import { ApiError } from "../http/route.js";
import { resolveRanges } from "./date-range.js";
import { type DimensionBody, dimensionOf } from "./dimension-expression.js";
import type { DimensionAccessor } from "./dimensions.js";
import { type DistinctCounter, exactCounter } from "./distinct-count.js";
import { encodeEnum, MetricType } from "./enums.js";
import { eventFilter } from "./event-filter.js";
import type { EventStore } from "./event-store.js";
import type { Predicate } from "./filter-expression.js";
import { stepPredicate } from "./funnel-step.js";
import type { ReportSettings } from "./report.js";
import { compileSegments, type UserSegment } from "./user-segment.js";
import { userTimeline } from "./user-timeline.js";

interface StepBody {
  name?: string;
  isDirectlyFollowedBy?: boolean;
  withinDurationFromPriorStep?: string | { seconds?: string | number; nanos?: number };
  filterExpression?: unknown;
}

interface FunnelBody {
  funnel?: { isOpenFunnel?: boolean; steps?: StepBody[] };
  dateRanges?: unknown;
  dimensionFilter?: unknown;
  funnelBreakdown?: { breakdownDimension?: DimensionBody; limit?: string | number };
  funnelNextAction?: unknown;
  segments?: unknown[];
}

interface Step {
  label: string;
  direct: boolean;
  /** microseconds; Infinity when unbounded */
  within: number;
  matches: Predicate<number>;
}

/** Per-step user tallies; `continued` = users who went on to the next step from this one. */
interface Tally {
  users: number;
  continued: number;
  /** the users behind the two counts, for the distinct counter */
  userIds: number[];
  continuedIds: number[];
}

const DAY_MICROS = 86_400_000_000;
const TOTAL = "RESERVED_TOTAL";

export function runFunnelReport(
  store: EventStore,
  propertyId: string,
  raw: unknown,
  s: ReportSettings,
): { response: Record<string, unknown>; scanned: number } {
  const body = (raw ?? {}) as FunnelBody;
  const stepBodies = body.funnel?.steps ?? [];
  if (stepBodies.length === 0)
    throw new ApiError(400, "INVALID_ARGUMENT", "funnel.steps: at least one step is required.");
  if (body.funnelNextAction) {
    throw new ApiError(
      400,
      "INVALID_ARGUMENT",
      "funnelNextAction is not supported by the microgoals emulator.",
    );
  }
  const open = body.funnel?.isOpenFunnel === true;
  const ranges = resolveRanges(body.dateRanges, s.now, true);
  const cols = store.columns();
  const steps: Step[] = stepBodies.map((b, k) => ({
    label: `${k + 1}. ${b.name ?? ""}`,
    direct: b.isDirectlyFollowedBy === true,
    within: durationMicros(b.withinDurationFromPriorStep, k),
    matches: stepPredicate(b.filterExpression, store, cols, `funnel.steps[${k}].filterExpression`),
  }));
  const breakdown = body.funnelBreakdown?.breakdownDimension?.name
    ? dimensionOf(body.funnelBreakdown.breakdownDimension, store, cols)
    : undefined;
  const breakdownLimit = Number(body.funnelBreakdown?.limit ?? 5);
  if (breakdown && (!Number.isInteger(breakdownLimit) || breakdownLimit < 1 || breakdownLimit > 15)) {
    throw new ApiError(400, "INVALID_ARGUMENT", "funnelBreakdown.limit must be between 1 and 15.");
  }
  const filter = body.dimensionFilter
    ? eventFilter(body.dimensionFilter, store, cols, "dimensionFilter")
    : undefined;
  const segments: (UserSegment | undefined)[] =
    body.segments && body.segments.length > 0 ? compileSegments(body.segments, store, cols) : [undefined];
  const inRange = (t: number) =>
    ranges.some((r) => t >= r.startDay * DAY_MICROS && t < (r.endDay + 1) * DAY_MICROS);

  const totalsOf: Tally[][] = segments.map(() => steps.map(newTally));
  // per segment, per step: breakdown value → tally
  const byValueOf: Map<number, Tally>[][] = segments.map(() => steps.map(() => new Map()));
  let scanned = 0;
  const prop = store.properties.find(propertyId);
  if (prop >= 0) {
    const { order, starts } = userTimeline(store, prop, cols);
    const events: number[] = [];
    for (let g = 0; g + 1 < starts.length; g++) {
      events.length = 0;
      for (let p = starts[g] as number; p < (starts[g + 1] as number); p++) {
        const i = order[p] as number;
        if (!inRange(cols.time[i] as number)) continue;
        scanned++;
        if (!filter || filter(i)) events.push(i);
      }
      if (events.length === 0) continue;
      const user = cols.user[events[0] as number] as number;
      segments.forEach((segment, k) => {
        if (!segment || segment.keeps(events))
          walkUser(
            events,
            user,
            steps,
            open,
            cols.time,
            totalsOf[k] as Tally[],
            byValueOf[k] as Map<number, Tally>[],
            breakdown,
          );
      });
    }
  }
  const distinct = s.distinct ?? exactCounter;
  for (const t of totalsOf.flat()) countTally(t, distinct);
  for (const m of byValueOf.flat()) for (const t of m.values()) countTally(t, distinct);
  const response = respond(steps, totalsOf, segments, byValueOf, breakdown, breakdownLimit, s.intEnums);
  return { response, scanned };
}

function durationMicros(d: StepBody["withinDurationFromPriorStep"], k: number): number {
  if (d === undefined || d === null) return Number.POSITIVE_INFINITY;
  if (typeof d === "object") return (Number(d.seconds ?? 0) + (d.nanos ?? 0) / 1e9) * 1e6;
  const m = /^(-?\d+(?:\.\d+)?)s$/.exec(d);
  if (!m)
    throw new ApiError(
      400,
      "INVALID_ARGUMENT",
      `funnel.steps[${k}].withinDurationFromPriorStep: expected e.g. "604800s".`,
    );
  return Number(m[1]) * 1e6;
}

/** One user's pass over the steps (see the header comment for the semantics). */
function walkUser(
  events: number[],
  user: number,
  steps: Step[],
  open: boolean,
  time: Float64Array,
  totals: Tally[],
  byValue: Map<number, Tally>[],
  breakdown: DimensionAccessor | undefined,
): void {
  const m = events.length;
  let prev = new Uint8Array(m);
  let cur = new Uint8Array(m);
  // GA4 takes a breakdown's value at the user's first step in the funnel (the first event of the
  // lowest step they reach) and keeps it on every later step: a session-scoped dimension does not
  // move a user to another row when a later step happens in another session.
  let entry = -1;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as Step;
    cur.fill(0);
    let reached = false;
    let progressed = false;
    let first = -1;
    let q = 0;
    let lastT = Number.NaN;
    for (let j = 0; j < m; j++) {
      const t = time[events[j] as number] as number;
      if (k > 0 && !step.direct) {
        while (q < m && (time[events[q] as number] as number) < t) {
          if (prev[q]) lastT = time[events[q] as number] as number;
          q++;
        }
      }
      if (!step.matches(events[j] as number)) continue;
      let via = false;
      if (k > 0) {
        if (step.direct) {
          const pt = j > 0 ? (time[events[j - 1] as number] as number) : Number.NaN;
          via = j > 0 && prev[j - 1] === 1 && pt < t && t - pt <= step.within;
        } else {
          via = !Number.isNaN(lastT) && t - lastT <= step.within;
        }
      }
      if (k === 0 || via || open) {
        cur[j] = 1;
        if (!reached) first = j;
        reached = true;
      }
      if (via) progressed = true;
    }
    if (k > 0 && progressed) {
      (totals[k - 1] as Tally).continuedIds.push(user);
      if (breakdown) tally(byValue[k - 1] as Map<number, Tally>, entry).continuedIds.push(user);
    }
    if (reached) {
      (totals[k] as Tally).userIds.push(user);
      if (breakdown) {
        if (entry < 0) entry = breakdown.code(events[first] as number);
        tally(byValue[k] as Map<number, Tally>, entry).userIds.push(user);
      }
    }
    [prev, cur] = [cur, prev];
  }
}

const newTally = (): Tally => ({ users: 0, continued: 0, userIds: [], continuedIds: [] });

function tally(map: Map<number, Tally>, code: number): Tally {
  let t = map.get(code);
  if (!t) {
    t = newTally();
    map.set(code, t);
  }
  return t;
}

/** Each user is pushed at most once per step and list, so the lists hold distinct ids. */
function countTally(t: Tally, distinct: DistinctCounter): void {
  t.users = distinct.users(t.userIds);
  // Sketches of a subset can exceed the superset's estimate; GA4 never reports more continuing
  // users than users at the step.
  t.continued = Math.min(t.users, distinct.users(t.continuedIds));
}

function respond(
  steps: Step[],
  totalsOf: Tally[][],
  segments: (UserSegment | undefined)[],
  byValueOf: Map<number, Tally>[][],
  breakdown: DimensionAccessor | undefined,
  limit: number,
  intEnums: boolean,
): Record<string, unknown> {
  const int = encodeEnum(MetricType, "TYPE_INTEGER", intEnums);
  const float = encodeEnum(MetricType, "TYPE_FLOAT", intEnums);
  const last = steps.length - 1;
  const row = (labels: string[], t: Tally, k: number) => {
    // The last step has nothing left to complete or abandon: its rates and abandonments are 0.
    const cont = k === last ? 0 : t.continued;
    const aband = k === last ? 0 : t.users - t.continued;
    return {
      dimensionValues: labels.map((value) => ({ value })),
      metricValues: [t.users, t.users ? cont / t.users : 0, aband, t.users ? aband / t.users : 0].map(
        (v) => ({
          value: String(v),
        }),
      ),
    };
  };
  const tableRows: unknown[] = [];
  const totals = totalsOf[0] as Tally[];
  const segmented = segments[0] !== undefined;
  // Rows: step, then the breakdown value (RESERVED_TOTAL first, then the top `limit` values by
  // users), then the segment, in the dimension headers' order.
  for (const [k, step] of steps.entries()) {
    segments.forEach((seg, j) => {
      const tail = segmented ? [(seg as UserSegment).name] : [];
      const stepTotal = (totalsOf[j] as Tally[])[k] as Tally;
      if (!breakdown) {
        tableRows.push(row([step.label, ...tail], stepTotal, k));
        return;
      }
      tableRows.push(row([step.label, TOTAL, ...tail], stepTotal, k));
      const values = [...((byValueOf[j] as Map<number, Tally>[])[k] as Map<number, Tally>)]
        .map(([code, t]) => ({ label: breakdown.label(code), t }))
        .sort((a, b) => b.t.users - a.t.users || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
        .slice(0, limit);
      for (const v of values) tableRows.push(row([step.label, v.label, ...tail], v.t, k));
    });
  }
  return {
    funnelTable: {
      dimensionHeaders: [
        { name: "funnelStepName" },
        ...(breakdown ? [{ name: breakdown.name }] : []),
        ...(segmented ? [{ name: "segment" }] : []),
      ],
      metricHeaders: [
        { name: "activeUsers", type: int },
        { name: "funnelStepCompletionRate", type: float },
        { name: "funnelStepAbandonments", type: int },
        { name: "funnelStepAbandonmentRate", type: float },
      ],
      rows: tableRows,
      metadata: {},
    },
    funnelVisualization: {
      dimensionHeaders: [{ name: "funnelStepName" }],
      metricHeaders: [{ name: "activeUsers", type: int }],
      rows: steps.map((step, k) => ({
        dimensionValues: [{ value: step.label }],
        metricValues: [{ value: String((totals[k] as Tally).users) }],
      })),
      metadata: {},
    },
    kind: "analyticsData#runFunnelReport",
  };
}
