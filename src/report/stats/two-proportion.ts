// Two-sided two-proportion z test with the pooled standard error (equivalent to Pearson's
// chi-squared test without continuity correction on the 2x2 table).
import { normalCdf } from "./normal.js";

export interface ZTest {
  z: number;
  pValue: number;
}

export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 }; // both rates 0 or both 1: no evidence of a difference
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) }; // lower tail keeps precision for tiny p
}
