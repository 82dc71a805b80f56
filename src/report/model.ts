// The source-agnostic input of a report: the counts analysis needs, whoever computed them (the GA4
// Data API source in src/report/sources/data-api, a BigQuery/DuckDB source over the GA4 export, or a brute-force
// count in tests). Every count is a number of distinct users over one date range.
import type { AdjustedEffect } from "./adjusted-effect.js";

export interface DateRange {
  /** GA4 date expression or YYYY-MM-DD, e.g. "28daysAgo"; YYYY-MM-DD in an Analysis */
  since: string;
  until: string;
  /** the time zone relative dates were resolved in (absolute-date-range.ts); absent when none were */
  timeZone?: string;
}

/** Users and events of one goal's GA4 event. */
export interface GoalCount {
  goalId: string;
  event: string;
  /** distinct users with at least one event */
  users: number;
  events: number;
}

/**
 * The 2x2 table of one (micro → macro) pair:
 *
 *                        converted                 not converted
 *   did micro            convertedAfterMicro       microUsers − convertedAfterMicro
 *   did not do micro     convertedWithoutMicro     nonMicroUsers − convertedWithoutMicro
 *
 * "convertedAfterMicro" = users who did the micro goal and later the macro goal within
 * `windowSeconds` of it; "convertedWithoutMicro" = users who did the macro goal and never the
 * micro goal in the date range. A user who did the macro only before the micro counts as a micro
 * user who did not convert (the micro cannot have led to it).
 */
export interface PairCount {
  microId: string;
  macroId: string;
  windowSeconds: number;
  microUsers: number;
  convertedAfterMicro: number;
  nonMicroUsers: number;
  convertedWithoutMicro: number;
  /**
   * Standard errors of the four counts when they are estimates (GA4's HyperLogLog++ counts, and
   * differences of them), set by the source that knows how each was obtained. Absent: exact.
   */
  sigma?: {
    microUsers: number;
    convertedAfterMicro: number;
    nonMicroUsers: number;
    convertedWithoutMicro: number;
  };
}

/** Users reaching each step of a spec funnel, in step order. */
export interface FunnelCount {
  funnelId: string;
  open: boolean;
  /**
   * `continued`: users who went on from this step to the next (GA4: activeUsers −
   * funnelStepAbandonments). In an open funnel users may enter at any step, so a later step can
   * have more users than an earlier one; only `continued` measures conversion there. Absent when the
   * source cannot tell.
   */
  steps: { goalId: string; users: number; continued?: number }[];
}

export interface SamplingNote {
  /** which query (e.g. "goal totals", "funnel b2b_lead") */
  query: string;
  samplesReadCount: number;
  samplingSpaceSize: number;
}

/** What the data source says about how trustworthy its numbers are. */
export interface Caveats {
  /** any query answered with metadata.subjectToThresholding */
  subjectToThresholding: boolean;
  thresholdedQueries: string[];
  sampling: SamplingNote[];
  /** any query answered with dataLossFromOtherRow: some rows were folded into "(other)" */
  otherRow: boolean;
  otherRowQueries: string[];
  /** goals whose event had no data at all in the range (maybe a broken trigger) */
  missingGoals: string[];
  /**
   * Goals on a shared event (see report/query-plan.ts) with trigger conditions the source could not
   * evaluate: they are counted as if those conditions were absent. Absent when there are none.
   */
  uncheckedConditions?: UncheckedConditions[];
  /**
   * Pairs some of whose converters without the micro goal converted within `windowSeconds` of
   * `since`: their micro goal may have been before the range, so they may not belong in the
   * baseline. Absent when none (or when the source cannot tell).
   */
  rangeEdge?: RangeEdge[];
}

export interface RangeEdge {
  microId: string;
  macroId: string;
  windowSeconds: number;
  /** YYYY-MM-DD: the range's first day */
  since: string;
  /** at most this many of `convertedWithoutMicro` are affected (they converted in the first days) */
  atMost: number;
  convertedWithoutMicro: number;
}

export interface UncheckedConditions {
  goalId: string;
  event: string;
  /** the conditions not evaluated, e.g. "click_text equals Buy" */
  conditions: string[];
  /** true when no condition could be evaluated: the goal is counted on its event name only */
  eventNameOnly: boolean;
}

/** What producing the input cost. */
export interface Cost {
  requests: number;
  /** quota tokens consumed (tokensPerDay.consumed summed over responses) */
  tokens: number;
}

/**
 * How the source counted distinct users. The GA4 Data API answers user counts from HyperLogLog++
 * sketches (estimates); the export paths count every user_pseudo_id. Absent = exact.
 */
export type Counting = { method: "exact" } | { method: "hll++"; precision: number; sparsePrecision: number };

export interface ReportInput {
  /** e.g. "ga4-data-api", "bigquery-export" */
  source: string;
  propertyId?: string;
  dateRange: DateRange;
  /** the property's time zone, when the source reports it (GA4 resolves relative dates in it) */
  timeZone?: string;
  /** distinct users with any event in the range */
  totalUsers: number;
  goals: GoalCount[];
  pairs: PairCount[];
  funnels: FunnelCount[];
  caveats: Caveats;
  cost: Cost;
  /** absent: exact counts */
  counting?: Counting;
  /** effects adjusted for pre-exposure history, per pair, when the source can compute them */
  adjusted?: { microId: string; macroId: string; effect: AdjustedEffect }[];
}

export function emptyCaveats(): Caveats {
  return {
    subjectToThresholding: false,
    thresholdedQueries: [],
    sampling: [],
    otherRow: false,
    otherRowQueries: [],
    missingGoals: [],
  };
}
