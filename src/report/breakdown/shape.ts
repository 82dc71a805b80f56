// The shape of `analysis.breakdown` (JSON in docs/breakdown.md), generic over the report's pair and
// rate types so that report/analysis.ts can name it without an import cycle (the concrete types are
// in breakdown/analysis.ts).
import type { Dimension, Scope } from "./dimensions.js";

/**
 * value: the data's own value; notSet: GA4's "(not set)" (no value in the data); otherRow: a value
 * GA4 itself folded as "(other)"; folded: segments under min_users, summed here.
 */
export type SegmentKind = "value" | "notSet" | "otherRow" | "folded";

export interface SegmentShape<P, R> {
  /** the label: values joined with " / "; "(other)" for folded segments */
  value: string;
  values: string[];
  kind: SegmentKind;
  /** folded segments only: the labels folded in */
  foldedValues?: string[];
  totalUsers: number;
  /** the first macro goal's rate in the segment (the headline); every macro goal in `macros` */
  macro: { goalId: string; rate: R } | null;
  macros: { goalId: string; rate: R }[];
  /** every pair, in spec order; qValue/significant use Benjamini–Hochberg over all segments × pairs */
  pairs: P[];
}

export interface BreakdownShape<P, R> {
  /** "channel", or "channel × device" */
  dimension: string;
  dimensions: Dimension[];
  scope: Scope;
  /** the scope in words, for every output */
  scopeLabel: string;
  definition: string;
  minUsers: number;
  /** segment × pair tests the q-values were adjusted over */
  tests: number;
  /** by users, descending; folded "(other)" last */
  segments: SegmentShape<P, R>[];
  /** `--predict`: each segment's eventual macro rate estimated from its micro goals so far */
  prediction?: PredictionShape<R>;
}

export interface SegmentPredictionShape<R> {
  value: string;
  values: string[];
  users: number;
  /** converted by the cutoff: the naive estimate of the eventual rate */
  soFar: R;
  predicted: { rate: number; low: number; high: number };
  /** converted by the window's end, when the data reaches it (backtests) */
  actual: R | null;
}

export interface PredictionShape<R> {
  macroId: string;
  /** YYYY-MM-DD */
  trainSince: string;
  trainUntil: string;
  /** days of the report's range (observed so far) */
  observedDays: number;
  /** conversions counted until this many days after the range (the report window, in days) */
  horizonDays: number;
  trainingUsers: number;
  segments: SegmentPredictionShape<R>[];
}
