// Wilson score interval for a binomial proportion: unlike the normal ("Wald") interval it stays
// inside [0, 1] and keeps close to its nominal coverage for small n and rates near 0 or 1.
import { zCritical } from "./normal.js";

export interface Interval {
  low: number;
  high: number;
}

/** 95% (by default) Wilson interval for x successes out of n; null when n = 0 (no data, not 0%). */
export function wilson(x: number, n: number, confidence = 0.95): Interval | null {
  if (n <= 0) return null;
  const z = zCritical(confidence);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At x = 0 (or n) the bound is exactly 0 (or 1); say so instead of leaving rounding noise.
  return {
    low: x === 0 ? 0 : Math.max(0, centre - half),
    high: x === n ? 1 : Math.min(1, centre + half),
  };
}
