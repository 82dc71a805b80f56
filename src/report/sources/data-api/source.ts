// The GA4 Data API as a report source: runs the query plan (batches and funnels, at most 10 in
// flight per property) and assembles the source-agnostic ReportInput.
import { UserError } from "../../../errors.js";
import { isWebPage, NOTHING_LISTENING_HINT, redact } from "../../../google/api-error.js";
import { dataApiPairSigma, precisionOf } from "../../approximate-counts.js";
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { BreakdownInput } from "../../breakdown/model.js";
import type {
  Caveats,
  Counting,
  DateRange,
  FunnelCount,
  PairCount,
  RangeEdge,
  ReportInput,
} from "../../model.js";
import { emptyCaveats } from "../../model.js";
import { resolveDate } from "../../period.js";
import type { ReportPlan } from "../../query-plan.js";
import { assembleBreakdown, withBreakdown } from "./breakdown-queries.js";
import type { DataClients } from "./clients.js";
import { mapConcurrent } from "./concurrency.js";
import { type GoalSelection, selectionKey } from "./goal-filter.js";
import { pairConverters } from "./pair-funnel.js";
import {
  ALL_USERS,
  GOAL_TOTALS,
  type NamedReport,
  pairFunnelName,
  planQueries,
  selectionName,
  selections,
  specFunnelName,
} from "./queries.js";
import { funnelStepTallies, int, type ReportLike, rowsOf, singleValue, tokensOf } from "./responses.js";
import { strataEffects, withStrata } from "./strata-effects.js";
import { DATA_API_ATTEMPTS, isTransient, retryDelayMs } from "./transient-failure.js";

export const MAX_CONCURRENT = 10;

export interface DataApiSourceOptions {
  propertyId: string;
  dateRange: DateRange;
  clients: DataClients;
  /** concurrent requests per property (default and maximum 10) */
  concurrency?: number;
  /**
   * How the server counts users: "ga4" (default: HyperLogLog++ estimates, as Google documents)
   * or "exact" (only an emulator started with --exact-counts).
   */
  counting?: "ga4" | "exact";
  /** `report --by`: segment dimension in the batches and funnelBreakdown in the pair funnels */
  breakdown?: BreakdownRequest;
  /** the Mantel–Haenszel adjusted effect (strata-effects.ts) for these pairs; absent: none */
  adjust?: { pairs: ReportPlan["pairs"]; minUsers: number };
}

/** GA4's user counts: HLL++ at precision 14, sparse precision 25 (docs/emulator.md cites the source). */
export const GA4_USER_COUNTING: Counting = { method: "hll++", precision: 14, sparsePrecision: 25 };

export async function fetchReportInput(
  plan: ReportPlan,
  options: DataApiSourceOptions,
): Promise<ReportInput & { breakdown?: BreakdownInput }> {
  const property = `properties/${options.propertyId}`;
  const planned = planQueries(plan, options.dateRange);
  const segmented = options.breakdown
    ? withBreakdown(planned, plan, options.breakdown, options.dateRange)
    : planned;
  const strata = options.adjust && { ...options.adjust, copyFunnels: options.breakdown !== undefined };
  const { batches, funnels } = strata ? withStrata(segmented, plan, options.dateRange, strata) : segmented;
  const limit = Math.min(MAX_CONCURRENT, Math.max(1, options.concurrency ?? MAX_CONCURRENT));
  const caveats = emptyCaveats();
  const reports = new Map<string, ReportLike>();
  const funnelTables = new Map<string, ReportLike>();
  let tokens = 0;
  let timeZone: string | undefined; // the property's, from the responses' metadata

  type Job = { kind: "batch"; reports: NamedReport[] } | { kind: "funnel"; report: NamedReport };
  const jobs: Job[] = [
    ...batches.map((b): Job => ({ kind: "batch", reports: b })),
    ...funnels.map((f): Job => ({ kind: "funnel", report: f })),
  ];
  await mapConcurrent(jobs, limit, async (job) => {
    if (job.kind === "batch") {
      const res = (await call("batchRunReports", () =>
        options.clients.batchRunReports({ property, requests: job.reports.map((r) => r.request) }),
      )) as { reports?: ReportLike[] };
      const got = res.reports ?? [];
      // The emulator and GA4 report the batch's consumption on its reports; count it once.
      tokens += Math.max(0, ...got.map(tokensOf));
      job.reports.forEach((r, i) => {
        const rep = got[i] ?? {};
        reports.set(r.name, rep);
        noteCaveats(caveats, r.name, rep.metadata);
        timeZone ??= rep.metadata?.timeZone || undefined;
      });
    } else {
      const res = (await call("runFunnelReport", () =>
        options.clients.runFunnelReport({ property, ...job.report.request }),
      )) as { funnelTable?: ReportLike; propertyQuota?: ReportLike["propertyQuota"] };
      tokens += tokensOf(res);
      const table = res.funnelTable ?? {};
      funnelTables.set(job.report.name, table);
      noteCaveats(caveats, job.report.name, table.metadata);
    }
  });

  const totals = new Map(rowsOf(reports.get(GOAL_TOTALS) ?? {}).map((r) => [r.dims[0], r.metrics]));
  const totalUsers = singleValue(reports.get(ALL_USERS) ?? {}, "totalUsers");
  const selectionOf = selections(plan);
  // A filtered selection has its own report; a plain one is a row of "goal totals".
  const tally = (s: GoalSelection) => {
    if (s.fields.length === 0) return totals.get(s.event) ?? {};
    return rowsOf(reports.get(selectionName(selectionKey(s))) ?? {})[0]?.metrics ?? {};
  };
  const goals = plan.goals.map((g) => {
    const t = tally(selectionOf(g.goalId, g.event));
    return { goalId: g.goalId, event: g.event, users: t.totalUsers ?? 0, events: t.eventCount ?? 0 };
  });
  caveats.missingGoals = goals.filter((g) => g.events === 0).map((g) => g.goalId);
  const unchecked = plan.goals.flatMap((g) => {
    const s = selectionOf(g.goalId, g.event);
    if (s.unchecked.length === 0) return [];
    return [
      { goalId: g.goalId, event: g.event, conditions: s.unchecked, eventNameOnly: s.fields.length === 0 },
    ];
  });
  if (unchecked.length > 0) caveats.uncheckedConditions = unchecked;

  const counting: Counting = options.counting === "exact" ? { method: "exact" } : GA4_USER_COUNTING;
  const precision = precisionOf(counting);
  const edges: RangeEdge[] = [];
  const pairs: PairCount[] = plan.pairs.map((p) => {
    const micro = selectionOf(p.microId, p.microEvent);
    const macro = selectionOf(p.macroId, p.macroEvent);
    const microUsers = tally(micro).totalUsers ?? 0;
    const converters = pairConverters(
      funnelTables.get(pairFunnelName(selectionKey(micro), selectionKey(macro), p.windowSeconds)) ?? {},
    );
    if (converters.earlyWithoutMicro > 0) {
      edges.push({
        microId: p.microId,
        macroId: p.macroId,
        windowSeconds: p.windowSeconds,
        since: resolvedSince(options.dateRange.since),
        atMost: Math.min(converters.earlyWithoutMicro, converters.withoutMicro),
        convertedWithoutMicro: converters.withoutMicro,
      });
    }
    const count = {
      microId: p.microId,
      macroId: p.macroId,
      windowSeconds: p.windowSeconds,
      microUsers,
      // A sketch of a subset may exceed the sketch of its superset by the counting error.
      convertedAfterMicro: Math.min(converters.afterMicro, microUsers),
      nonMicroUsers: Math.max(0, totalUsers - microUsers),
      convertedWithoutMicro: converters.withoutMicro,
    };
    return precision ? { ...count, sigma: dataApiPairSigma(count, totalUsers, precision) } : count;
  });
  if (edges.length > 0) caveats.rangeEdge = edges;
  const funnelCounts: FunnelCount[] = plan.funnels.map((f) => {
    const tallies = funnelStepTallies(funnelTables.get(specFunnelName(f.funnelId)) ?? {}, f.steps.length);
    const last = f.steps.length - 1;
    return {
      funnelId: f.funnelId,
      open: f.open,
      steps: f.steps.map((s, i) => ({
        goalId: s.goalId,
        users: tallies[i].users,
        ...(i < last ? { continued: tallies[i].continued } : {}),
      })),
    };
  });

  return {
    source: "ga4-data-api",
    propertyId: options.propertyId,
    dateRange: options.dateRange,
    ...(timeZone ? { timeZone } : {}),
    totalUsers,
    goals,
    pairs,
    funnels: funnelCounts,
    caveats,
    cost: { requests: jobs.length, tokens },
    counting,
    ...(options.breakdown
      ? { breakdown: assembleBreakdown(plan, options.breakdown, reports, funnelTables) }
      : {}),
    ...(strata ? { adjusted: strataEffects(plan, reports, funnelTables, strata) } : {}),
  };
}

function noteCaveats(c: Caveats, query: string, metadata: ReportLike["metadata"]): void {
  if (!metadata) return;
  if (metadata.subjectToThresholding) {
    c.subjectToThresholding = true;
    c.thresholdedQueries.push(query);
  }
  if (metadata.dataLossFromOtherRow) {
    c.otherRow = true;
    c.otherRowQueries.push(query);
  }
  for (const s of metadata.samplingMetadatas ?? []) {
    const read = int(s.samplesReadCount);
    const space = int(s.samplingSpaceSize);
    // GA4 only sets samplingMetadatas when it sampled, so any entry is worth telling the reader.
    c.sampling.push({ query, samplesReadCount: read, samplingSpaceSize: space });
  }
}

function resolvedSince(since: string): string {
  try {
    return resolveDate(since, new Date());
  } catch {
    return since;
  }
}

/**
 * A Data API call, tried again on a transient failure (transient-failure.ts), whose failure becomes
 * one user-facing line (shared with discover-counts.ts).
 */
export async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= DATA_API_ATTEMPTS || !isTransient(err)) throw failureOf(method, err);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(err, attempt)));
    }
  }
}

function failureOf(method: string, err: unknown): UserError {
  const e = err as { code?: number | string; message?: string; details?: string };
  // Redacted first: a gax message can quote request headers (Bearer tokens) or key material.
  const raw = redact(e.details || e.message || String(err));
  if (e.code === "ECONNREFUSED" || /ECONNREFUSED/.test(raw))
    return new UserError(
      `cannot connect to the GA4 Data API (${method}): ${raw.split("\n")[0]}`,
      1,
      NOTHING_LISTENING_HINT,
    );
  // A proxy or a wrong --endpoint answers a web page: one line, not the page.
  const text = isWebPage(raw)
    ? "the server answered with a web page, not a Google API response: check --endpoint / MICROGOALS_ENDPOINT"
    : raw.split("\n")[0];
  return new UserError(`GA4 Data API ${method} failed${e.code ? ` (code ${e.code})` : ""}: ${text}`);
}
