// The adjusted effect of one (micro, macro) pair as plain data: both the source's input
// (model.ts) and the analysis (analysis.ts) carry it, so it lives apart from both.

/**
 * Adjusted effect on the users who did the micro goal, as a risk ratio: relative = RR − 1, with a
 * 95% interval; null figures with a status that says why (e.g. "cannot adjust: 37 comparable users").
 */
export interface AdjustedEffect {
  lift: { relative: number | null; low: number | null; high: number | null };
  /** e.g. "sequential trials, coarsened exact stratification, weighted Kaplan–Meier" */
  method: string;
  /** doers with comparable non-doers (the users the estimate is about) */
  n: number;
  /** E-value of the point estimate and of the interval bound nearer to no effect */
  eValue: { point: number | null; bound: number | null };
  /** "ok" or why there is no number */
  status: string;
  /** doers with comparable non-doers / all doers */
  overlap: number | null;
  /** comparison users (distinct) behind the estimate */
  comparisonUsers: number;
  /** confounders this source cannot adjust for (Data API path) */
  notAdjustedFor: string[];
  /** cumulative incidence of the macro goal (Kaplan–Meier), doers vs comparison, at these days */
  incidence: { days: number; doers: number | null; comparison: number | null }[];
  /** follow-up used for the risk ratio, in seconds (the window, or less when the data ends first) */
  horizonSeconds: number;
  significant: boolean;
}
