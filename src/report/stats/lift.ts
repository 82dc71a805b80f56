// Relative lift of rate 1 over rate 2, (p1/p2 − 1), with the Katz log-ratio interval:
// ln(RR) ± z·sqrt(1/x1 − 1/n1 + 1/x2 − 1/n2).
//
// Zero cells. The log ratio is undefined when a group has no conversions; the usual convention
// (MedCalc's relative-risk calculator, after Pagano & Gauvreau 2000 and Deeks & Higgins 2010) adds
// 0.5 to the counts — the Haldane–Anscombe correction — but the corrected ratio is an artefact, not a
// finding, and can even reverse direction (0 of 1 vs 1% "becomes" 25% vs 1%: vcdPlus'
// Reversal.point documents such reversals). Score and exact intervals are open-ended instead
// (Miettinen–Nurminen in R sasLM::RRmn1; fisher.test's odds-ratio interval [1.69, Inf] for 8/508
// vs 0/500 in the 2006 R-help thread "Confidence interval for relative risk"):
// x1 = 0 gives RR ∈ [0, U], x2 = 0 gives RR ∈ [L, ∞). So we keep the observed point and use the
// corrected interval only for the one finite bound:
// - x1 = 0: lift −100% (observed), interval [−100%, corrected upper];
// - x2 = 0: no finite lift (relative and high null), only "at least" the corrected lower bound.
import { zCritical } from "./normal.js";

/** Which group had no conversions: "micro" (after the micro goal) or "baseline" (without it). */
export type ZeroCell = "micro" | "baseline";

export interface Lift {
  /** p1 / p2 − 1; e.g. 0.5 = "50% more likely". null when p2 = 0 (no finite lift). */
  relative: number | null;
  low: number;
  /** null when unbounded above (p2 = 0) */
  high: number | null;
  /** a zero count made the 0.5 correction necessary for the finite bound */
  corrected: boolean;
  zeroCell: ZeroCell | null;
}

export function relativeLift(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Lift | null {
  if (n1 <= 0 || n2 <= 0) return null;
  if (x1 === 0 && x2 === 0) return null; // no conversions at all: lift is undefined
  const zeroCell: ZeroCell | null = x1 === 0 ? "micro" : x2 === 0 ? "baseline" : null;
  const corrected = zeroCell !== null;
  const [a, m, c, k] = corrected ? [x1 + 0.5, n1 + 1, x2 + 0.5, n2 + 1] : [x1, n1, x2, n2];
  const logRr = Math.log(a / m / (c / k));
  const halfWidth = zCritical(confidence) * Math.sqrt(1 / a - 1 / m + 1 / c - 1 / k);
  const low = Math.exp(logRr - halfWidth) - 1;
  const high = Math.exp(logRr + halfWidth) - 1;
  if (zeroCell === "micro") return { relative: -1, low: -1, high, corrected, zeroCell };
  if (zeroCell === "baseline") return { relative: null, low, high: null, corrected, zeroCell };
  return { relative: x1 / n1 / (x2 / n2) - 1, low, high, corrected, zeroCell };
}
