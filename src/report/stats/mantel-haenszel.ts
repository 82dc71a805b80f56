// Mantel–Haenszel risk ratio over stratified 2×2 tables, with the Greenland–Robins variance of its
// logarithm (Greenland S, Robins JM. Estimation of a common effect parameter from sparse follow-up
// data. Biometrics 1985;41:55–68), which stays valid with many thin strata. Per stratum i:
// a_i of n1_i exposed had the outcome, b_i of n0_i unexposed did, N_i = n1_i + n0_i;
//   RR_MH = Σ a_i n0_i / N_i  /  Σ b_i n1_i / N_i
//   Var(ln RR_MH) = Σ (n1_i n0_i (a_i + b_i) − a_i b_i N_i) / N_i²  /  (Σ a_i n0_i / N_i · Σ b_i n1_i / N_i)
// Strata without both arms carry no information and drop out of every sum.
import { zCritical } from "./normal.js";

export interface Stratum {
  /** exposed with the outcome, exposed */
  a: number;
  n1: number;
  /** unexposed with the outcome, unexposed */
  b: number;
  n0: number;
}

export interface MantelHaenszel {
  /** null when either sum is 0 (no outcome in one arm of every informative stratum) */
  rr: number | null;
  /** standard error of ln RR (Greenland–Robins) */
  logSe: number | null;
  low: number | null;
  high: number | null;
  /** strata with both arms, and their exposed and unexposed totals */
  informative: number;
  exposed: number;
  unexposed: number;
}

export function mantelHaenszelRiskRatio(strata: Stratum[], confidence = 0.95): MantelHaenszel {
  let r = 0;
  let s = 0;
  let v = 0;
  let informative = 0;
  let exposed = 0;
  let unexposed = 0;
  for (const { a, n1, b, n0 } of strata) {
    if (n1 <= 0 || n0 <= 0) continue;
    const n = n1 + n0;
    informative++;
    exposed += n1;
    unexposed += n0;
    r += (a * n0) / n;
    s += (b * n1) / n;
    v += (n1 * n0 * (a + b) - a * b * n) / (n * n);
  }
  if (r <= 0 || s <= 0)
    return { rr: null, logSe: null, low: null, high: null, informative, exposed, unexposed };
  const rr = r / s;
  const logSe = Math.sqrt(v / (r * s));
  const z = zCritical(confidence);
  return {
    rr,
    logSe,
    low: Math.exp(Math.log(rr) - z * logSe),
    high: Math.exp(Math.log(rr) + z * logSe),
    informative,
    exposed,
    unexposed,
  };
}
