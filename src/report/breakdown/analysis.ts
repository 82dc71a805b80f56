// The breakdown part of an Analysis (`analysis.breakdown`, JSON shape in docs/breakdown.md).
import type { PairAnalysis, Rate } from "../analysis.js";
import type { Dimension, Scope } from "./dimensions.js";
import type { PredictionAnalysis } from "./run-predict.js";

/**
 * value: the data's own value; notSet: GA4's "(not set)" (no value in the data); otherRow: a value
 * GA4 itself folded as "(other)"; folded: segments under min_users, summed here.
 */
export type SegmentKind = "value" | "notSet" | "otherRow" | "folded";

export interface SegmentAnalysis {
  /** the label: values joined with " / "; "(other)" for folded segments */
  value: string;
  values: string[];
  kind: SegmentKind;
  /** folded segments only: the labels folded in */
  foldedValues?: string[];
  totalUsers: number;
  /** the first macro goal's rate in the segment (the headline); every macro goal in `macros` */
  macro: { goalId: string; rate: Rate } | null;
  macros: { goalId: string; rate: Rate }[];
  /** every pair, in spec order; qValue/significant use Benjamini–Hochberg over all segments × pairs */
  pairs: PairAnalysis[];
}

export interface BreakdownAnalysis {
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
  segments: SegmentAnalysis[];
  /** `--predict`: each segment's eventual macro rate estimated from its micro goals so far */
  prediction?: PredictionAnalysis;
}
