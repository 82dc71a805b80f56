// runReport over the event store: scan the property's events in each date range, filter,
// group by the requested dimensions, compute metrics, then apply Google's post-processing:
// cardinality cap into "(other)", thresholding, metricFilter, ordering, offset/limit, totals.

import { ApiError } from "../http/route.js";
import { type ResolvedRange, resolveRanges } from "./date-range.js";
import { type DimensionBody, dimensionOf } from "./dimension-expression.js";
import type { DimensionAccessor } from "./dimensions.js";
import type { DistinctCounter } from "./distinct-count.js";
import { encodeEnum, enumName, MetricAggregation, MetricType } from "./enums.js";
import { eventFilter } from "./event-filter.js";
import type { EventStore } from "./event-store.js";
import { compileExpression } from "./filter-expression.js";
import { checkMetric, emptyGroup, type Group, mergeInto, metricValue } from "./metrics.js";
import { type OutRow, rowComparator } from "./row-order.js";
import { betweenPredicate, numericPredicate } from "./string-match.js";

export interface ReportSettings {
  isKeyEvent(propertyId: string, eventName: string): boolean;
  /** rows with fewer distinct users than this are withheld (subjectToThresholding) */
  thresholdUsers?: number;
  simulateSampling: boolean;
  /** distinct rows kept before the rest is aggregated into "(other)" */
  cardinalityCap: number;
  now: Date;
  timeZone: string;
  currencyCode: string;
  intEnums: boolean;
  /** how users and sessions are counted (default exact; the server uses GA4's HLL++ sketches) */
  distinct?: DistinctCounter;
}

export interface ReportOutcome {
  response: Record<string, unknown>;
  /** events of the property inside the date ranges (drives the token cost) */
  scanned: number;
  thresholded: boolean;
}

interface ReportBody {
  dimensions?: DimensionBody[];
  metrics?: { name?: string }[];
  dateRanges?: unknown;
  dimensionFilter?: unknown;
  metricFilter?: unknown;
  offset?: string | number;
  limit?: string | number;
  orderBys?: unknown;
  metricAggregations?: unknown[];
}

const DAY_MICROS = 86_400_000_000;
const OTHER = "(other)";

export function runReport(
  store: EventStore,
  propertyId: string,
  raw: unknown,
  s: ReportSettings,
): ReportOutcome {
  const body = (raw ?? {}) as ReportBody;
  const dimNames = (body.dimensions ?? []).map((d) => d.name ?? "");
  const metricNames = (body.metrics ?? []).map((m) => m.name ?? "");
  if (dimNames.length > 9)
    throw new ApiError(400, "INVALID_ARGUMENT", "Requests are limited to 9 dimensions.");
  if (metricNames.length > 10)
    throw new ApiError(400, "INVALID_ARGUMENT", "Requests are limited to 10 metrics.");
  if (metricNames.length === 0 && dimNames.length === 0) {
    throw new ApiError(400, "INVALID_ARGUMENT", "A report must request at least one dimension or metric.");
  }
  for (const m of metricNames) checkMetric(m);
  const { offset, limit } = paging(body);
  const ranges = resolveRanges(body.dateRanges, s.now, true);
  const cols = store.columns();
  const accessors: DimensionAccessor[] = (body.dimensions ?? []).map((d) => dimensionOf(d, store, cols));
  const labelsOf = (codes: number[]): string[] => [
    ...accessors.map((a, d) => a.label(codes[d] as number)),
    ...(ranges.length > 1 ? [(ranges[codes[accessors.length] as number] as ResolvedRange).name] : []),
  ];
  const filter = body.dimensionFilter
    ? eventFilter(body.dimensionFilter, store, cols, "dimensionFilter")
    : undefined;
  const prop = store.properties.find(propertyId);
  const keyCache = new Map<number, boolean>();
  const groups = new Map<string | number, Group>();
  const width = accessors.length + (ranges.length > 1 ? 1 : 0);
  // Up to two key parts fit one number (codes < 2^26); more parts fall back to a string key.
  const keyOf = (c: number[]) =>
    width === 0
      ? 0
      : width === 1
        ? (c[0] as number)
        : width === 2
          ? (c[0] as number) * 67_108_864 + (c[1] as number)
          : c.join(",");
  const needUsers =
    s.thresholdUsers !== undefined ||
    metricNames.some((m) => m === "totalUsers" || m === "activeUsers") ||
    (body.metricAggregations ?? []).length > 0;
  const needSessions = metricNames.includes("sessions");
  const codes: number[] = new Array(width).fill(0);
  let scanned = 0;
  for (const [ri, r] of ranges.entries()) {
    const lo = r.startDay * DAY_MICROS;
    const hi = (r.endDay + 1) * DAY_MICROS;
    for (let i = 0; prop >= 0 && i < cols.count; i++) {
      if (cols.property[i] !== prop) continue;
      const t = cols.time[i] as number;
      if (t < lo || t >= hi) continue;
      scanned++;
      if (filter && !filter(i)) continue;
      for (let d = 0; d < accessors.length; d++) codes[d] = (accessors[d] as DimensionAccessor).code(i);
      if (ranges.length > 1) codes[accessors.length] = ri;
      const key = keyOf(codes);
      let g = groups.get(key);
      if (!g) {
        g = emptyGroup(codes.slice());
        groups.set(key, g);
      }
      const ev = cols.event[i] as number;
      let isKey = keyCache.get(ev);
      if (isKey === undefined) {
        isKey = s.isKeyEvent(propertyId, store.strings.value(ev));
        keyCache.set(ev, isKey);
      }
      g.eventCount++;
      if (isKey) g.keyEvents++;
      if (needUsers) g.users.add(cols.user[i] as number);
      if (needSessions) g.sessions.add(cols.session[i] as number);
    }
  }

  let list = [...groups.values()];
  let dataLoss = false;
  if (list.length > s.cardinalityCap) {
    dataLoss = true;
    list.sort((a, b) => b.eventCount - a.eventCount || cmpCodes(a.codes, b.codes));
    const other = emptyGroup([]);
    for (const g of list.slice(s.cardinalityCap - 1)) mergeInto(other, g);
    list = list.slice(0, s.cardinalityCap - 1);
    list.push(other);
  }
  let thresholded = false;
  if (s.thresholdUsers !== undefined) {
    const min = s.thresholdUsers;
    const kept = list.filter((g) => g.users.size >= min);
    thresholded = kept.length < list.length;
    list = kept;
  }
  if (body.metricFilter) {
    const pass = metricFilter(body.metricFilter, s.distinct);
    list = list.filter(pass);
  }
  const rows: (OutRow & { group: Group })[] = list.map((g) => ({
    group: g,
    labels:
      g.codes.length === 0
        ? dimNames.map(() => OTHER).concat(ranges.length > 1 ? [OTHER] : [])
        : labelsOf(g.codes),
    values: metricNames.map((m) => metricValue(m, g, s.distinct)),
  }));
  const headerDims = ranges.length > 1 ? [...dimNames, "dateRange"] : dimNames;
  rows.sort(rowComparator(body.orderBys, headerDims, metricNames));
  const page = rows.slice(offset, offset + limit);

  const metricType = encodeEnum(MetricType, "TYPE_INTEGER", s.intEnums);
  const response: Record<string, unknown> = {
    dimensionHeaders: headerDims.map((name) => ({ name })),
    metricHeaders: metricNames.map((name) => ({ name, type: metricType })),
    rows: page.map(toRow),
    ...aggregations(body.metricAggregations, rows, headerDims.length, metricNames, s.distinct),
    rowCount: rows.length,
    metadata: {
      currencyCode: s.currencyCode,
      timeZone: s.timeZone,
      ...(thresholded ? { subjectToThresholding: true } : {}),
      ...(dataLoss ? { dataLossFromOtherRow: true } : {}),
      ...(s.simulateSampling ? { samplingMetadatas: samplingOf(store, prop, ranges) } : {}),
    },
    kind: "analyticsData#runReport",
  };
  return { response, scanned, thresholded };
}

function paging(body: ReportBody): { offset: number; limit: number } {
  const offset = Number(body.offset ?? 0);
  let limit = Number(body.limit ?? 0);
  if (!Number.isInteger(offset) || offset < 0)
    throw new ApiError(400, "INVALID_ARGUMENT", "offset must be a non-negative integer.");
  if (!Number.isInteger(limit) || limit < 0)
    throw new ApiError(400, "INVALID_ARGUMENT", "limit must be a non-negative integer.");
  if (limit === 0) limit = 10_000;
  return { offset, limit: Math.min(limit, 250_000) };
}

function metricFilter(expr: unknown, distinct: DistinctCounter | undefined): (g: Group) => boolean {
  return compileExpression<Group>(
    expr,
    ["filter"],
    (_k, body) => {
      const field = String(body.fieldName ?? "");
      checkMetric(field);
      let test: (v: number) => boolean;
      if (body.numericFilter) test = numericPredicate(body.numericFilter as never, `metricFilter.${field}`);
      else if (body.betweenFilter) test = betweenPredicate(body.betweenFilter as never);
      else
        throw new ApiError(
          400,
          "INVALID_ARGUMENT",
          `metricFilter.${field}: use numericFilter or betweenFilter.`,
        );
      return (g) => test(metricValue(field, g, distinct));
    },
    "metricFilter",
  );
}

function toRow(r: OutRow): unknown {
  return {
    dimensionValues: r.labels.map((value) => ({ value })),
    metricValues: r.values.map((v) => ({ value: String(v) })),
  };
}

function aggregations(
  requested: unknown[] | undefined,
  rows: (OutRow & { group: Group })[],
  dimCount: number,
  metricNames: string[],
  distinct: DistinctCounter | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = (requested ?? []).map((a, i) => enumName(MetricAggregation, a, `metricAggregations[${i}]`));
  const special = (label: string, values: number[]) => [
    toRow({ labels: Array.from({ length: dimCount }, () => label), values }),
  ];
  if (names.includes("TOTAL")) {
    const all = emptyGroup([]);
    for (const r of rows) mergeInto(all, r.group);
    out.totals = special(
      "RESERVED_TOTAL",
      metricNames.map((m) => metricValue(m, all, distinct)),
    );
  }
  const pick = (f: (xs: number[]) => number) =>
    metricNames.map((_, m) => (rows.length ? f(rows.map((r) => r.values[m] as number)) : 0));
  if (names.includes("MAXIMUM"))
    out.maximums = special(
      "RESERVED_MAX",
      pick((xs) => Math.max(...xs)),
    );
  if (names.includes("MINIMUM"))
    out.minimums = special(
      "RESERVED_MIN",
      pick((xs) => Math.min(...xs)),
    );
  return out;
}

/** Sampling is simulated as metadata only: values stay exact (documented in docs/emulator-data.md). */
function samplingOf(store: EventStore, prop: number, ranges: ResolvedRange[]): unknown[] {
  const cols = store.columns();
  return ranges.map((r) => {
    let space = 0;
    for (let i = 0; prop >= 0 && i < cols.count; i++) {
      const t = cols.time[i] as number;
      if (cols.property[i] === prop && t >= r.startDay * DAY_MICROS && t < (r.endDay + 1) * DAY_MICROS)
        space++;
    }
    return { samplesReadCount: String(space), samplingSpaceSize: String(space) };
  });
}

function cmpCodes(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}
