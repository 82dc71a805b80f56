// Relative lift of rate 1 over rate 2, (p1/p2 − 1), with the Katz log-ratio interval:
// ln(RR) ± z·sqrt(1/x1 − 1/n1 + 1/x2 − 1/n2). When a count is zero the ratio or its log is
// undefined, so 0.5 is added to both success counts (and 1 to both n) — the Haldane–Anscombe
// correction — and `corrected` says so.
import { zCritical } from "./normal.js";

export interface Lift {
  /** p1 / p2 − 1; e.g. 0.5 = "50% more likely". */
  relative: number;
  low: number;
  high: number;
  corrected: boolean;
}

export function relativeLift(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Lift | null {
  if (n1 <= 0 || n2 <= 0) return null;
  if (x1 === 0 && x2 === 0) return null; // no conversions at all: lift is undefined
  const corrected = x1 === 0 || x2 === 0;
  const [a, m, c, k] = corrected ? [x1 + 0.5, n1 + 1, x2 + 0.5, n2 + 1] : [x1, n1, x2, n2];
  const rr = a / m / (c / k);
  const se = Math.sqrt(1 / a - 1 / m + 1 / c - 1 / k);
  const z = zCritical(confidence);
  // The point estimate stays the observed ratio unless it is infinite (baseline of zero).
  const relative = x2 > 0 ? x1 / n1 / (x2 / n2) - 1 : rr - 1;
  return {
    relative,
    low: Math.exp(Math.log(rr) - z * se) - 1,
    high: Math.exp(Math.log(rr) + z * se) - 1,
    corrected,
  };
}
