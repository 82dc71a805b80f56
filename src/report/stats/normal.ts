// The standard normal distribution, wrapped once so every statistic uses the same two functions.
import cdf from "@stdlib/stats-base-dists-normal-cdf";
import quantile from "@stdlib/stats-base-dists-normal-quantile";

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return cdf(z, 0, 1);
}

/** z such that P(Z <= z) = p. */
export function normalQuantile(p: number): number {
  return quantile(p, 0, 1);
}

/** Two-sided critical value: 1.959964 for confidence 0.95. */
export function zCritical(confidence = 0.95): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}
