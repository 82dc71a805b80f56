// The adjusted effect on the Data API path (docs/effects.md): no user-level history, so a
// Mantel–Haenszel risk ratio over strata of deviceCategory × newVsReturning ×
// firstUserDefaultChannelGroup, the confounders the API can break a funnel down by. The strata are
// one concatenated dimension (dimensionExpression.concatenate), so they ride on the requests the
// report makes anyway: three reports in the batches and funnelBreakdown on each secondary pair's
// funnel (a copy of it when `report --by` already breaks that funnel down). funnelBreakdown lists at
// most 15 strata per row: the rest are pooled into one residual stratum (breakdown-queries.ts).
import type { AdjustedEffect } from "../../adjusted-effect.js";
import { eValue, eValueOfBound } from "../../effects/e-value.js";
import type { DateRange } from "../../model.js";
import type { ReportPlan } from "../../query-plan.js";
import { mantelHaenszelRiskRatio } from "../../stats/mantel-haenszel.js";
import { type Segmentation, segmentCounts, segmentedPlan } from "./breakdown-queries.js";
import type { QueryPlan } from "./queries.js";
import type { ReportLike } from "./responses.js";

export const STRATA_DIMENSIONS = ["deviceCategory", "newVsReturning", "firstUserDefaultChannelGroup"];

export const MH_METHOD = `Mantel–Haenszel risk ratio over ${STRATA_DIMENSIONS.join(" × ")} strata (Greenland–Robins variance), GA4 Data API`;

/** What the Data API cannot give this adjustment (the export path adjusts for all of it). */
export const NOT_ADJUSTED_FOR = [
  "sessions, page views, events and engaged time before the micro goal",
  "days since first visit",
  "landing page",
  "first source/medium beyond the default channel group",
  "time at risk (no censoring: users seen late in the range had less time to convert)",
];

export interface StrataOptions {
  /** the secondary pairs (milestones are steps, not treatments) */
  pairs: ReportPlan["pairs"];
  /** doers in strata with comparison users below this: no number, a status */
  minUsers: number;
  /** the pair funnels already carry a breakdown (report --by): strata go on copies */
  copyFunnels: boolean;
}

function segmentation(o: StrataOptions): Segmentation {
  return {
    dimension: {
      name: "microgoalsStratum",
      dimensionExpression: { concatenate: { dimensionNames: STRATA_DIMENSIONS, delimiter: " | " } },
    },
    prefix: "strata",
    pairs: o.pairs,
    funnels: o.copyFunnels ? "copy" : "attach",
  };
}

export function withStrata(
  planned: QueryPlan,
  plan: ReportPlan,
  range: DateRange,
  o: StrataOptions,
): QueryPlan {
  if (o.pairs.length === 0) return planned;
  return segmentedPlan(planned, plan, range, segmentation(o));
}

export function strataEffects(
  plan: ReportPlan,
  reports: Map<string, ReportLike>,
  funnelTables: Map<string, ReportLike>,
  o: StrataOptions,
): { microId: string; macroId: string; effect: AdjustedEffect }[] {
  if (o.pairs.length === 0) return [];
  const strata = segmentCounts(plan, reports, funnelTables, segmentation(o));
  return o.pairs.map((p, k) => {
    const tables = strata.map((s) => {
      const c = s.pairs[k];
      return c
        ? { a: c.convertedAfterMicro, n1: c.microUsers, b: c.convertedWithoutMicro, n0: c.nonMicroUsers }
        : { a: 0, n1: 0, b: 0, n0: 0 };
    });
    return { microId: p.microId, macroId: p.macroId, effect: effectOf(tables, o.minUsers, p.windowSeconds) };
  });
}

function effectOf(
  tables: { a: number; n1: number; b: number; n0: number }[],
  minUsers: number,
  horizonSeconds: number,
): AdjustedEffect {
  const m = mantelHaenszelRiskRatio(tables);
  const doers = tables.reduce((n, t) => n + t.n1, 0);
  const base = {
    method: MH_METHOD,
    n: m.exposed,
    overlap: doers > 0 ? m.exposed / doers : null,
    comparisonUsers: m.unexposed,
    notAdjustedFor: NOT_ADJUSTED_FOR,
    incidence: [],
    horizonSeconds,
  };
  const none = (status: string): AdjustedEffect => ({
    ...base,
    lift: { relative: null, low: null, high: null },
    eValue: { point: null, bound: null },
    status,
    significant: false,
  });
  // The export path's statuses (effects/adjusted-effect.ts): too few comparable doers, or too
  // small a share of the doers comparable, and no conversions in an arm.
  if (m.exposed < minUsers || (base.overlap ?? 0) < 0.5)
    return none(`cannot adjust: ${m.exposed} comparable users`);
  if (tables.every((t) => t.n1 <= 0 || t.n0 <= 0 || t.b === 0))
    return none("cannot adjust: no conversions among comparable users");
  if (m.rr === null || m.low === null || m.high === null)
    return none("cannot adjust: no conversions among comparable doers");
  return {
    ...base,
    lift: { relative: m.rr - 1, low: m.low - 1, high: m.high - 1 },
    eValue: { point: eValue(m.rr), bound: eValueOfBound(m.rr, m.low, m.high) },
    status: "ok",
    significant: m.low > 1 || m.high < 1,
  };
}
