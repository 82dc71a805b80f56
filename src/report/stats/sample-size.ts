// Users needed to detect a difference between two proportions with a two-sided test at level
// alpha and the given power (Fleiss' formula without continuity correction, unequal groups):
// n1 = (z_a·sqrt(p̄q̄(1 + 1/k)) + z_b·sqrt(p1q1 + p2q2/k))² / (p1 − p2)², n2 = k·n1.
import { normalQuantile } from "./normal.js";

export interface SampleSize {
  /** users needed in group 1 (did the micro goal) */
  n1: number;
  /** users needed in group 2 (did not) */
  n2: number;
}

/** null when p1 = p2: no observed difference can be "detected" with any sample. */
export function sampleSize(p1: number, p2: number, k: number, alpha = 0.05, power = 0.8): SampleSize | null {
  if (p1 === p2 || !(k > 0)) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pbar = (p1 + k * p2) / (1 + k);
  const qbar = 1 - pbar;
  const num = za * Math.sqrt(pbar * qbar * (1 + 1 / k)) + zb * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
  const n1 = Math.ceil((num * num) / ((p1 - p2) * (p1 - p2)));
  return { n1, n2: Math.ceil(k * n1) };
}
