// runFunnelReport (v1alpha). For each user, over their ordered events in the date ranges:
// step 1 is reached by any matching event (any step's matching event in an open funnel);
// step k>1 is reached by a matching event strictly after a reached step k-1 event and within
// withinDurationFromPriorStep of it; with isDirectlyFollowedBy that step k-1 event must be the
// immediately preceding event. A user counts at a step if some such path exists.

import { ApiError } from "../http/route.js";
import { resolveRanges } from "./date-range.js";
import { type DimensionAccessor, dimensionAccessor } from "./dimensions.js";
import { encodeEnum, MetricType } from "./enums.js";
import { eventFilter } from "./event-filter.js";
import type { EventStore } from "./event-store.js";
import type { Predicate } from "./filter-expression.js";
import { compileSegments } from "./funnel-segments.js";
import { stepPredicate } from "./funnel-step.js";
import type { ReportSettings } from "./report.js";
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
  funnelBreakdown?: { breakdownDimension?: { name?: string }; limit?: string | number };
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
    ? dimensionAccessor(body.funnelBreakdown.breakdownDimension.name, store, cols)
    : undefined;
  const breakdownLimit = Number(body.funnelBreakdown?.limit ?? 5);
  if (breakdown && (!Number.isInteger(breakdownLimit) || breakdownLimit < 1 || breakdownLimit > 15)) {
    throw new ApiError(400, "INVALID_ARGUMENT", "funnelBreakdown.limit must be between 1 and 15.");
  }
  const segments = compileSegments(body.segments, store, cols);
  if (segments.length > 0 && breakdown)
    throw new ApiError(
      400,
      "INVALID_ARGUMENT",
      "segments with funnelBreakdown are not supported by the microgoals emulator.",
    );
  const filter = body.dimensionFilter
    ? eventFilter(body.dimensionFilter, store, cols, "dimensionFilter")
    : undefined;
  const inRange = (t: number) =>
    ranges.some((r) => t >= r.startDay * DAY_MICROS && t < (r.endDay + 1) * DAY_MICROS);

  const totals: Tally[] = steps.map(() => ({ users: 0, continued: 0 }));
  const bySegment: Tally[][] = segments.map(() => steps.map(() => ({ users: 0, continued: 0 })));
  const all: number[] = [];
  const byValue: Map<number, Tally>[] = steps.map(() => new Map());
  let scanned = 0;
  const prop = store.properties.find(propertyId);
  if (prop >= 0) {
    const { order, starts } = userTimeline(store, prop, cols);
    const events: number[] = [];
    for (let g = 0; g + 1 < starts.length; g++) {
      events.length = 0;
      all.length = 0;
      for (let p = starts[g] as number; p < (starts[g + 1] as number); p++) {
        const i = order[p] as number;
        if (!inRange(cols.time[i] as number)) continue;
        scanned++;
        all.push(i);
        if (!filter || filter(i)) events.push(i);
      }
      if (events.length === 0) continue;
      if (segments.length === 0) walkUser(events, steps, open, cols.time, totals, byValue, breakdown);
      // A segment holds a user by all their events in the date ranges; the funnel walks the filtered ones.
      for (const [k, seg] of segments.entries())
        if (seg.holds(all))
          walkUser(events, steps, open, cols.time, bySegment[k] as Tally[], byValue, undefined);
    }
  }
  const response =
    segments.length > 0
      ? respondBySegment(
          steps,
          segments.map((seg) => seg.label),
          bySegment,
          s.intEnums,
        )
      : respond(steps, totals, byValue, breakdown, breakdownLimit, s.intEnums);
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
  let prevCode = -1;
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
      (totals[k - 1] as Tally).continued++;
      if (breakdown) tally(byValue[k - 1] as Map<number, Tally>, prevCode).continued++;
    }
    prevCode = -1;
    if (reached) {
      (totals[k] as Tally).users++;
      if (breakdown) {
        prevCode = breakdown.code(events[first] as number);
        tally(byValue[k] as Map<number, Tally>, prevCode).users++;
      }
    }
    [prev, cur] = [cur, prev];
  }
}

function tally(map: Map<number, Tally>, code: number): Tally {
  let t = map.get(code);
  if (!t) {
    t = { users: 0, continued: 0 };
    map.set(code, t);
  }
  return t;
}

function respond(
  steps: Step[],
  totals: Tally[],
  byValue: Map<number, Tally>[],
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
  for (const [k, step] of steps.entries()) {
    if (!breakdown) {
      tableRows.push(row([step.label], totals[k] as Tally, k));
      continue;
    }
    tableRows.push(row([step.label, TOTAL], totals[k] as Tally, k));
    const values = [...(byValue[k] as Map<number, Tally>)]
      .map(([code, t]) => ({ label: breakdown.label(code), t }))
      .sort((a, b) => b.t.users - a.t.users || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
      .slice(0, limit);
    for (const v of values) tableRows.push(row([step.label, v.label], v.t, k));
  }
  return {
    funnelTable: {
      dimensionHeaders: [{ name: "funnelStepName" }, ...(breakdown ? [{ name: breakdown.name }] : [])],
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

/** With segments, the funnel table has a `segment` dimension: one row per step and segment. */
function respondBySegment(
  steps: Step[],
  labels: string[],
  tallies: Tally[][],
  intEnums: boolean,
): Record<string, unknown> {
  const int = encodeEnum(MetricType, "TYPE_INTEGER", intEnums);
  const float = encodeEnum(MetricType, "TYPE_FLOAT", intEnums);
  const last = steps.length - 1;
  const rows: unknown[] = [];
  const visual: unknown[] = [];
  for (const [k, step] of steps.entries())
    for (const [s, label] of labels.entries()) {
      const t = (tallies[s] as Tally[])[k] as Tally;
      const cont = k === last ? 0 : t.continued;
      const aband = k === last ? 0 : t.users - t.continued;
      rows.push({
        dimensionValues: [{ value: step.label }, { value: label }],
        metricValues: [t.users, t.users ? cont / t.users : 0, aband, t.users ? aband / t.users : 0].map(
          (v) => ({ value: String(v) }),
        ),
      });
      visual.push({
        dimensionValues: [{ value: step.label }, { value: label }],
        metricValues: [{ value: String(t.users) }],
      });
    }
  return {
    funnelTable: {
      dimensionHeaders: [{ name: "funnelStepName" }, { name: "segment" }],
      metricHeaders: [
        { name: "activeUsers", type: int },
        { name: "funnelStepCompletionRate", type: float },
        { name: "funnelStepAbandonments", type: int },
        { name: "funnelStepAbandonmentRate", type: float },
      ],
      rows,
      metadata: {},
    },
    funnelVisualization: {
      dimensionHeaders: [{ name: "funnelStepName" }, { name: "segment" }],
      metricHeaders: [{ name: "activeUsers", type: int }],
      rows: visual,
      metadata: {},
    },
    kind: "analyticsData#runFunnelReport",
  };
}
