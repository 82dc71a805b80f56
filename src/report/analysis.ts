// The output of analysis, input of every renderer. Its JSON form is the documented `--format json`
// shape (docs/report.md): change it only additively and bump `schemaVersion` when you cannot.

import type { AdjustedEffect } from "./adjusted-effect.js";
import type { BreakdownShape } from "./breakdown/shape.js";
import type { ExportExtras } from "./export-extras.js";
import type { Caveats, Cost, Counting, DateRange } from "./model.js";

export type { ExportExtras } from "./export-extras.js";
export type { AdjustedEffect };

/** x of n with its 95% Wilson interval; rate and interval are null when n = 0 (no data ≠ 0%). */
export interface Rate {
  x: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

/**
 * "counting-error": a count the pair rests on is within GA4's counting error of zero (Data API
 * only): its rate, lift and test are withheld rather than printed as numbers.
 */
export type PairStatus = "ok" | "too-few-users" | "counting-error" | "no-data";

export interface PairAnalysis {
  microId: string;
  microTitle: string;
  macroId: string;
  macroTitle: string;
  windowSeconds: number;
  status: PairStatus;
  /** why the status is not ok, in words */
  note: string | null;
  /** P(macro within the window after micro | micro) */
  afterMicro: Rate;
  /** P(macro | not micro) */
  baseline: Rate;
  /**
   * afterMicro / baseline − 1 with a 95% Katz interval. Zero cells (src/report/stats/lift.ts):
   * zeroCell "micro" = nobody converted after the micro goal: relative −1, low −1, high finite;
   * zeroCell "baseline" = nobody converted without it: relative and high null (no finite lift),
   * low is the lower bound. Never Infinity or NaN.
   */
  lift: {
    relative: number | null;
    low: number;
    high: number | null;
    corrected: boolean;
    zeroCell: "micro" | "baseline" | null;
  } | null;
  test: "fisher" | "two-proportion" | null;
  pValue: number | null;
  /** Benjamini–Hochberg adjusted across every pair in the report */
  qValue: number | null;
  significant: boolean;
  phi: number | null;
  /** (afterMicro − baseline) × macro value: association, not causation */
  valuePerMicro: number | null;
  /** additional users (same micro/non-micro mix) for 80% power at the observed rates; 0 when already significant */
  moreUsersNeeded: number | null;
  /** 1 = largest lift; null for pairs without data and for milestones left out of the ranking */
  rank: number | null;
  /**
   * milestone: a path step (the spec's `role: milestone`, or detected: no role and ≥ 99% of
   * converters did it first); secondary: a side action. Only secondary actions are ranked unless
   * the report includes milestones. See src/report/milestones.ts.
   */
  role: "milestone" | "secondary";
  roleSource: "spec" | "detected";
  /** converters who did the micro goal first / converters (null without converters) */
  shareOfConverters: number | null;
  /** milestones: "required step: no conversions without it (0 of N)" or the share that did it first */
  stepNote: string | null;
  /** detected milestones: set the goal's role */
  hint: string | null;
  /**
   * The effect adjusted for who the users already were at that point of their journey
   * (docs/effects.md); absent when the source offers no adjustment.
   */
  adjusted?: AdjustedEffect;
}

export interface GoalAnalysis {
  id: string;
  title: string;
  kind: "macro" | "micro";
  event: string;
  users: number;
  events: number;
  /** no events at all in the range: maybe its trigger is broken */
  noData: boolean;
}

export interface FunnelStepAnalysis {
  goalId: string;
  title: string;
  users: number;
  /**
   * users who went on from the previous step / users of the previous step (null for the first step,
   * and for open funnels when the source cannot say who continued)
   */
  stepConversion: Rate | null;
  /** users of this step / users of the first step (open funnels: includes users who entered later) */
  overallConversion: Rate;
  /**
   * first-step users who reached this step through every earlier step / first-step users; null when
   * unknown. Estimated (no interval) in open funnels with entrants at an earlier step: funnel-through.ts
   */
  throughConversion: Rate | null;
  /** users of the previous step who did not go on to this one (null where stepConversion is) */
  dropOff: number | null;
  /** open funnels: users who entered the funnel at this step (null for the first step or when unknown) */
  entered: number | null;
  noData: boolean;
}

export interface FunnelAnalysis {
  id: string;
  title: string;
  open: boolean;
  windowSeconds: number;
  steps: FunnelStepAnalysis[];
  /** last-step users / first-step users: in an open funnel not a conversion rate (users enter later) */
  overallConversion: Rate;
  /** the through-funnel conversion: first-step users who went through every step (null: unknown) */
  throughConversion: Rate | null;
  /** throughConversion is an estimate (see src/report/funnel-through.ts) */
  throughEstimated: boolean;
  /** the step with the lowest step conversion (the narrowest point) */
  bottleneck: { fromGoalId: string; toGoalId: string; stepIndex: number; conversion: number } | null;
}

/** One past run, for trend charts (fed by scheduled reports). */
export interface HistoryPoint {
  /** ISO date or date-time of the run */
  at: string;
  pairs: { microId: string; macroId: string; rate: number | null; n: number }[];
}

export interface Analysis {
  /** 2: lift.relative and lift.high became nullable (zero cells), lift.zeroCell added */
  schemaVersion: 2;
  project: string;
  target: string | null;
  propertyId: string | null;
  source: string;
  dateRange: DateRange;
  generatedAt: string | null;
  currency: string;
  alpha: number;
  minUsers: number;
  totalUsers: number;
  goals: GoalAnalysis[];
  /** in spec order (micro goal order, then leads_to order) */
  pairs: PairAnalysis[];
  /** indexes into `pairs`, by rank: secondary actions (and milestones when included) */
  ranking: number[];
  /** indexes into `pairs` of milestone pairs left out of the ranking, in spec order */
  milestones: number[];
  /** milestones ranked with the secondary actions (--include-milestones) */
  includeMilestones: boolean;
  /** only when the adjusted effects were not asked for (report --no-adjust): every lift is crude */
  adjustSkipped?: true;
  funnels: FunnelAnalysis[];
  caveats: Caveats;
  cost: Cost;
  /** exact counts, or GA4's HyperLogLog++ estimates (their error is inside every interval) */
  counting: Counting;
  history: HistoryPoint[];
  /** only from the GA4 export (--source files|bigquery): what user-level rows add */
  export?: ExportExtras;
  /** only with `report --by`: the same figures per segment (docs/breakdown.md) */
  breakdown?: BreakdownShape<PairAnalysis, Rate>;
}
