// `report --by` on the GA4 Data API (pure): the requests and the segment counts. The segment
// dimension is added to three kinds of reports in the same batches as the unsegmented ones
// ("segment users": totalUsers per value; "segment goal totals": totalUsers per goal event and
// value; one "segment goal <selection>" per filtered goal) and, as `funnelBreakdown`, to every pair
// funnel. So a breakdown costs at most one more batch and no more funnels: requests grow with the
// pairs, never with segments × pairs.
//
// funnelBreakdown lists at most 15 values per row (the API's limit). When there are more, values
// missing from any pair funnel's full list are merged into one "(other)" segment whose pair counts
// are the funnel's RESERVED_TOTAL minus the listed values, so no converter is lost or guessed.
import { UsageError } from "../../../errors.js";
import { type BreakdownRequest, GA4_NAMES } from "../../breakdown/dimensions.js";
import type { BreakdownInput, SegmentCount } from "../../breakdown/model.js";
import type { DateRange, PairCount } from "../../model.js";
import type { ReportPlan } from "../../query-plan.js";
import { type GoalSelection, reportFilter, selectionKey } from "./goal-filter.js";
import { DID_MICRO, NEVER_MICRO } from "./pair-funnel.js";
import { MAX_BATCH, type NamedReport, pairFunnelName, type QueryPlan, selections } from "./queries.js";
import { type ReportLike, rowsOf } from "./responses.js";

/** funnelBreakdown's maximum limit (developers.google.com/analytics/devguides/reporting/data/v1/rest/v1alpha/FunnelBreakdown) */
export const FUNNEL_BREAKDOWN_LIMIT = 15;
const TOTAL = "RESERVED_TOTAL";
const OTHER = "(other)";

const PAIR_NAME = "segmentPair";
const PAIR_DELIMITER = " | ";

/**
 * The GA4 dimension a request breaks down by: one dimension by name; two as one concatenated
 * dimension (dimensionExpression.concatenate), since funnelBreakdown takes a single dimension.
 */
export function segmentDimension(req: BreakdownRequest): Ga4Dimension {
  const names = req.dimensions.map((d) => GA4_NAMES[req.scope][d]);
  if (names.length === 1) return { name: names[0]! };
  if (names.length !== 2) throw new UsageError("--by takes at most two dimensions");
  return {
    name: PAIR_NAME,
    dimensionExpression: { concatenate: { dimensionNames: names, delimiter: PAIR_DELIMITER } },
  };
}

/**
 * How GA4's user-level pair funnels read a session dimension, unlike the export sources (the one
 * sentence every session-scope output carries; docs/report.md).
 */
export const SESSION_FUNNEL_CAVEAT =
  "Caveat: GA4 funnels take a breakdown's value at the user's first step, so a pair's converters count under the session of the user's first micro goal (the baseline's under that of the first macro goal of users with no micro goal at all), while the export sources count a conversion only where micro and macro goal fall in the same segment";

/** A segment's value(s) back from the concatenated dimension ("(other)" stands for both). */
function splitValues(label: string, dimensions: number): string[] {
  if (dimensions === 1) return [label];
  const parts = label.split(PAIR_DELIMITER);
  return parts.length === dimensions ? parts : Array.from({ length: dimensions }, () => label);
}

/** The unsegmented plan plus the breakdown's reports (re-batched) and funnelBreakdown on pair funnels. */
export function withBreakdown(
  planned: QueryPlan,
  plan: ReportPlan,
  req: BreakdownRequest,
  range: DateRange,
): QueryPlan {
  return segmentedPlan(planned, plan, range, { dimension: segmentDimension(req), prefix: SEGMENT });
}

/** A GA4 Dimension: a name, or a named dimensionExpression (e.g. concatenate). */
export interface Ga4Dimension {
  name: string;
  dimensionExpression?: Record<string, unknown>;
}

export interface Segmentation {
  dimension: Ga4Dimension;
  /** names this segmentation's reports ("segment users", "strata users", ...) */
  prefix: string;
  /** the pairs to break down (default all) */
  pairs?: ReportPlan["pairs"];
  /** "copy": new funnels (the pair funnels already carry another breakdown); default "attach" */
  funnels?: "attach" | "copy";
}

const SEGMENT = "segment";
const copyName = (prefix: string, funnel: string) => `${prefix} ${funnel}`;

/** The plan plus a segmentation's reports (re-batched with the others) and its pair funnel breakdowns. */
export function segmentedPlan(
  planned: QueryPlan,
  plan: ReportPlan,
  range: DateRange,
  seg: Segmentation,
): QueryPlan {
  const dim = seg.dimension;
  const dateRanges = [{ startDate: range.since, endDate: range.until }];
  const selectionOf = selections(plan);
  const goalSelections = plan.goals.map((g) => selectionOf(g.goalId, g.event));
  const plain = [...new Set(goalSelections.filter((s) => s.fields.length === 0).map((s) => s.event))].sort();
  const extra: NamedReport[] = [
    {
      name: `${seg.prefix} users`,
      request: { dateRanges, dimensions: [dim], metrics: [{ name: "totalUsers" }], limit: 250000 },
    },
  ];
  if (plain.length > 0)
    extra.push({
      name: `${seg.prefix} goal totals`,
      request: {
        dateRanges,
        dimensions: [{ name: "eventName" }, dim],
        metrics: [{ name: "totalUsers" }],
        dimensionFilter: {
          filter: { fieldName: "eventName", inListFilter: { values: plain, caseSensitive: true } },
        },
        limit: 250000,
      },
    });
  const seen = new Set<string>();
  for (const s of goalSelections) {
    const key = selectionKey(s);
    if (s.fields.length === 0 || seen.has(key)) continue;
    seen.add(key);
    extra.push({
      name: `${seg.prefix} goal ${key}`,
      request: {
        dateRanges,
        dimensions: [dim],
        metrics: [{ name: "totalUsers" }],
        dimensionFilter: reportFilter(s),
        limit: 250000,
      },
    });
  }
  const reports = [...planned.batches.flat(), ...extra];
  const batches: NamedReport[][] = [];
  for (let i = 0; i < reports.length; i += MAX_BATCH) batches.push(reports.slice(i, i + MAX_BATCH));
  const pairNames = new Set((seg.pairs ?? plan.pairs).map((p) => pairFunnelOf(plan, p)));
  const breakdown = { funnelBreakdown: { breakdownDimension: dim, limit: FUNNEL_BREAKDOWN_LIMIT } };
  if (seg.funnels === "copy") {
    const copies = planned.funnels
      .filter((f) => pairNames.has(f.name))
      .map((f) => ({ name: copyName(seg.prefix, f.name), request: { ...f.request, ...breakdown } }));
    return { batches, funnels: [...planned.funnels, ...copies] };
  }
  const funnels = planned.funnels.map((f) =>
    pairNames.has(f.name) ? { ...f, request: { ...f.request, ...breakdown } } : f,
  );
  return { batches, funnels };
}

function pairFunnelOf(plan: ReportPlan, p: ReportPlan["pairs"][number]): string {
  const selectionOf = selections(plan);
  return pairFunnelName(
    selectionKey(selectionOf(p.microId, p.microEvent)),
    selectionKey(selectionOf(p.macroId, p.macroEvent)),
    p.windowSeconds,
  );
}

/** One pair funnel's converters per breakdown value; `full`: the row listed the limit, more may exist. */
interface ValueCounts {
  total: number;
  byValue: Map<string, number>;
  full: boolean;
}

function funnelValues(table: ReportLike): { afterMicro: ValueCounts; withoutMicro: ValueCounts } {
  const headers = (table.dimensionHeaders ?? []).map((h) => h.name ?? "");
  const segmentAt = headers.indexOf("segment");
  const valueAt = headers.findIndex((h, i) => i > 0 && h !== "segment");
  const after: ValueCounts = { total: 0, byValue: new Map(), full: false };
  const without: ValueCounts = { total: 0, byValue: new Map(), full: false };
  for (const row of rowsOf(table)) {
    const step = Number.parseInt(row.dims[0] ?? "", 10);
    const segment = row.dims[segmentAt];
    const value = row.dims[valueAt] ?? TOTAL;
    const users = row.metrics.activeUsers ?? 0;
    let into: ValueCounts | undefined;
    let n = users;
    if (segment === DID_MICRO && step === 1) {
      into = after;
      n = Math.max(0, users - (row.metrics.funnelStepAbandonments ?? 0));
    } else if (segment === NEVER_MICRO && step === 2) into = without;
    if (!into) continue;
    if (value === TOTAL) into.total = n;
    else into.byValue.set(value, n);
  }
  // A row's values are listed by users at the step; a list at the limit may have left some out.
  const listed = (segment: string, step: number) =>
    rowsOf(table).filter(
      (r) =>
        r.dims[segmentAt] === segment &&
        Number.parseInt(r.dims[0] ?? "", 10) === step &&
        r.dims[valueAt] !== TOTAL,
    ).length;
  after.full = listed(DID_MICRO, 1) >= FUNNEL_BREAKDOWN_LIMIT;
  without.full = listed(NEVER_MICRO, 2) >= FUNNEL_BREAKDOWN_LIMIT;
  return { afterMicro: after, withoutMicro: without };
}

/** The segment counts from the fetched reports and funnel tables. */
export function assembleBreakdown(
  plan: ReportPlan,
  req: BreakdownRequest,
  reports: Map<string, ReportLike>,
  funnelTables: Map<string, ReportLike>,
): BreakdownInput {
  const dim = segmentDimension(req);
  const names = dim.dimensionExpression
    ? (dim.dimensionExpression as { concatenate: { dimensionNames: string[] } }).concatenate.dimensionNames
    : [dim.name];
  const segments = segmentCounts(plan, reports, funnelTables, { dimension: dim, prefix: SEGMENT });
  return {
    dimensions: req.dimensions,
    scope: req.scope,
    segments: segments.map((sg) => ({ ...sg, values: splitValues(sg.values[0] ?? "", names.length) })),
    definition: `GA4 Data API ${names.length > 1 ? `dimensions ${names.join(" × ")} (one concatenated dimension)` : `dimension ${names[0]}`}${
      names.every((n) => n.startsWith("firstUser"))
        ? " (the user's first visit)"
        : req.scope === "session"
          ? " (per session: a user with sessions in several values counts in each)"
          : " (per event: a user whose events differ counts in each value)"
    }; pair converters from funnelBreakdown on the pair funnels${req.scope === "session" ? `. ${SESSION_FUNNEL_CAVEAT}` : ""}`,
  };
}

/** Per segment (value of the segmentation's dimension), users, goal users and pair counts. */
export function segmentCounts(
  plan: ReportPlan,
  reports: Map<string, ReportLike>,
  funnelTables: Map<string, ReportLike>,
  seg: Segmentation,
): SegmentCount[] {
  const selectionOf = selections(plan);
  const users = new Map(
    rowsOf(reports.get(`${seg.prefix} users`) ?? {}).map((r) => [r.dims[0] ?? "", r.metrics.totalUsers ?? 0]),
  );
  const plainUsers = new Map<string, Map<string, number>>(); // event → value → users
  for (const r of rowsOf(reports.get(`${seg.prefix} goal totals`) ?? {})) {
    const byValue = plainUsers.get(r.dims[0] ?? "") ?? new Map<string, number>();
    byValue.set(r.dims[1] ?? "", r.metrics.totalUsers ?? 0);
    plainUsers.set(r.dims[0] ?? "", byValue);
  }
  const goalUsers = (s: GoalSelection): Map<string, number> =>
    s.fields.length === 0
      ? (plainUsers.get(s.event) ?? new Map())
      : new Map(
          rowsOf(reports.get(`${seg.prefix} goal ${selectionKey(s)}`) ?? {}).map((r) => [
            r.dims[0] ?? "",
            r.metrics.totalUsers ?? 0,
          ]),
        );
  const pairs = (seg.pairs ?? plan.pairs).map((p) => {
    const name = pairFunnelOf(plan, p);
    const table = funnelTables.get(seg.funnels === "copy" ? copyName(seg.prefix, name) : name) ?? {};
    return { p, micro: goalUsers(selectionOf(p.microId, p.microEvent)), ...funnelValues(table) };
  });
  // Values every truncated list names keep their own segment; the rest become "(other)".
  const values = [...users.keys()];
  const known = (v: string) =>
    pairs.every(
      (x) =>
        (!x.afterMicro.full || x.afterMicro.byValue.has(v)) &&
        (!x.withoutMicro.full || x.withoutMicro.byValue.has(v)),
    );
  const own = values.filter(known);
  const rest = values.filter((v) => !known(v));
  const segment = (vs: string[], label: string, remainder: boolean): SegmentCount => {
    const sum = (m: Map<string, number>) => vs.reduce((n, v) => n + (m.get(v) ?? 0), 0);
    const converters = (c: ValueCounts) =>
      remainder
        ? Math.max(0, c.total - own.reduce((n, v) => n + (c.byValue.get(v) ?? 0), 0))
        : sum(c.byValue);
    const totalUsers = sum(users);
    return {
      values: [label],
      totalUsers,
      goals: plan.goals.map((g) => ({
        goalId: g.goalId,
        users: sum(goalUsers(selectionOf(g.goalId, g.event))),
      })),
      pairs: pairs.map(({ p, micro, afterMicro, withoutMicro }): PairCount => {
        const microUsers = sum(micro);
        return {
          microId: p.microId,
          macroId: p.macroId,
          windowSeconds: p.windowSeconds,
          microUsers,
          convertedAfterMicro: Math.min(microUsers, converters(afterMicro)),
          nonMicroUsers: Math.max(0, totalUsers - microUsers),
          convertedWithoutMicro: converters(withoutMicro),
        };
      }),
    };
  };
  const segments = own.map((v) => segment([v], v, false));
  if (rest.length > 0) segments.push(segment(rest, OTHER, true));
  return segments;
}
