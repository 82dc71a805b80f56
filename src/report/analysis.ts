// The output of analysis, input of every renderer. Its JSON form is the documented `--format json`
// shape (docs/report.md): change it only additively and bump `schemaVersion` when you cannot.

import type { BreakdownShape } from "./breakdown/shape.js";
import type { ExportExtras } from "./export-extras.js";
import type { Caveats, Cost, DateRange } from "./model.js";

export type { ExportExtras } from "./export-extras.js";

/** x of n with its 95% Wilson interval; rate and interval are null when n = 0 (no data ≠ 0%). */
export interface Rate {
  x: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export type PairStatus = "ok" | "too-few-users" | "no-data";

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
  /** 1 = largest lift; null for pairs without data */
  rank: number | null;
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
  /** users of this step / users of the first step */
  overallConversion: Rate;
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
  overallConversion: Rate;
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
  /** indexes into `pairs`, by rank */
  ranking: number[];
  funnels: FunnelAnalysis[];
  caveats: Caveats;
  cost: Cost;
  history: HistoryPoint[];
  /** only from the GA4 export (--source files|bigquery): what user-level rows add */
  export?: ExportExtras;
  /** only with `report --by`: the same figures per segment (docs/breakdown.md) */
  breakdown?: BreakdownShape<PairAnalysis, Rate>;
}
