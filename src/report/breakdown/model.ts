// What a source answers for a breakdown: per segment, the same counts as the unsegmented report
// (users, goal users, the 2×2 table of every pair). Analysis (analyze-breakdown.ts) adds the rates,
// intervals and tests.
import type { PairCount } from "../model.js";
import type { Dimension, Scope } from "./dimensions.js";

export interface SegmentCount {
  /** one value per dimension, in the request's order; "(not set)" where the data has none */
  values: string[];
  /** users in the segment (session scope: users with a session in it) */
  totalUsers: number;
  /** distinct users per goal within the segment */
  goals: { goalId: string; users: number }[];
  pairs: PairCount[];
}

export interface BreakdownInput {
  dimensions: Dimension[];
  scope: Scope;
  segments: SegmentCount[];
  /** how the source defined the segments, in words (printed with the table) */
  definition: string;
}
