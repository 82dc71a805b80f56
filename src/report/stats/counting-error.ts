// The counting error of GA4's user counts. The Data API answers totalUsers and activeUsers from
// HyperLogLog++ sketches (precision 14, sparse precision 25: "Unique count approximation in Google
// Analytics", Google Analytics developer blog, 2022), so each count n carries a standard error of
// its own besides the sampling error the Wilson and Katz intervals describe:
// - sparse sketch (fewer than m/2 distinct users): linear counting over 2^sp buckets,
//   σ = sqrt(m'(e^t − t − 1)), t = n/m' (Whang et al. 1990) — a fraction of a user for most counts;
// - dense, still under the linear-counting threshold: the same formula over m = 2^p registers;
// - dense above it: σ = 1.04 n / √m (Flajolet et al. 2007; Heule et al. 2013).
// Intervals add this error in quadrature to their own half-widths (the delta method, treating the
// counts' errors as independent: sketches of overlapping user sets err together, so this errs wide).
import type { Lift } from "./lift.js";
import { zCritical } from "./normal.js";

export interface CountingPrecision {
  /** dense precision: m = 2^p registers */
  p: number;
  /** sparse precision */
  sp: number;
}

/** GA4's precision for totalUsers and activeUsers. */
export const GA4_USER_PRECISION: CountingPrecision = { p: 14, sp: 25 };

/** Heule et al. 2013, appendix: linear counting below this estimate (p = 4..18). */
const LINEAR_COUNTING_THRESHOLD = [
  10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000,
];

const linearCountingSigma = (n: number, m: number) => {
  const t = n / m;
  return Math.sqrt(Math.max(0, m * (Math.exp(t) - t - 1)));
};

/**
 * Standard error of an HLL++ count of about n distinct users, including the rounding of the
 * estimate to the integer GA4 prints (half a user, which dominates in sparse mode).
 */
export function countingSigma(n: number, precision: CountingPrecision = GA4_USER_PRECISION): number {
  if (n <= 0) return 0; // an empty sketch is exactly 0
  const m = 2 ** precision.p;
  let sigma: number;
  if (n < m / 2) sigma = linearCountingSigma(n, 2 ** precision.sp);
  else if (n <= (LINEAR_COUNTING_THRESHOLD[precision.p - 4] ?? 0)) sigma = linearCountingSigma(n, m);
  else sigma = (1.04 * n) / Math.sqrt(m);
  return Math.hypot(sigma, 0.5);
}

/** Standard error of a difference of two counts (e.g. total − micro users). */
export function differenceSigma(a: number, b: number, precision?: CountingPrecision): number {
  return Math.hypot(countingSigma(a, precision), countingSigma(b, precision));
}

/** Standard error of x/n from the counts' own errors. */
export function ratioSigma(x: number, sx: number, n: number, sn: number): number {
  if (n <= 0) return 0;
  return Math.hypot(sx / n, (x * sn) / (n * n));
}

/** An interval [low, high] around `point`, each side widened by z·σ in quadrature, clipped to [min, max]. */
export function widen(
  point: number,
  low: number,
  high: number,
  sigma: number,
  min = 0,
  max = 1,
  confidence = 0.95,
): { low: number; high: number } {
  if (sigma <= 0) return { low, high };
  const extra = zCritical(confidence) * sigma;
  return {
    low: Math.max(min, point - Math.hypot(point - low, extra)),
    high: Math.min(max, point + Math.hypot(high - point, extra)),
  };
}

/**
 * A lift's Katz interval widened on the log scale by the relative counting errors of its four
 * counts (converters and users of each group): Var(ln RR) gains (σa/a)² + (σn1/n1)² + (σc/c)² +
 * (σn2/n2)². Zero cells keep their bounds: a zero count is exact and its bound a correction.
 */
export function widenLift(
  lift: Lift,
  relErrors: { a: number; n1: number; c: number; n2: number },
  confidence = 0.95,
): Lift {
  if (lift.zeroCell !== null || lift.relative === null || lift.high === null) return lift;
  const s = Math.hypot(relErrors.a, relErrors.n1, relErrors.c, relErrors.n2);
  if (s <= 0) return lift;
  const point = Math.log(1 + lift.relative);
  const extra = zCritical(confidence) * s;
  const low = Math.exp(point - Math.hypot(point - Math.log(1 + lift.low), extra)) - 1;
  const high = Math.exp(point + Math.hypot(Math.log(1 + lift.high) - point, extra)) - 1;
  return { ...lift, low, high };
}
