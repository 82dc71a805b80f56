// Analysis of counts that are GA4 HyperLogLog++ estimates (the Data API path): every interval
// built on a user count also carries that count's counting error (stats/counting-error.ts), and a
// pair whose converters are within the counting error of zero is not printed as a number.
// Which counts are estimates, and how (docs/report.md): totalUsers, microUsers, the users of each
// funnel step and who continued, convertedAfterMicro and convertedWithoutMicro are each one
// estimate; nonMicroUsers = totalUsers − microUsers is a difference of two.
import type { FunnelAnalysis, PairAnalysis, Rate } from "./analysis.js";
import type { Counting, PairCount } from "./model.js";
import {
  type CountingPrecision,
  countingSigma,
  differenceSigma,
  ratioSigma,
  widen,
  widenLift,
} from "./stats/counting-error.js";

export const COUNTING_ERROR_NOTE =
  "baseline below GA4's counting error: use the export (`--source files|bigquery`)";
export const AFTER_MICRO_NOTE =
  "converters after the micro goal below GA4's counting error: use the export (`--source files|bigquery`)";

export function precisionOf(c: Counting | undefined): CountingPrecision | null {
  return c?.method === "hll++" ? { p: c.precision, sp: c.sparsePrecision } : null;
}

/** A rate x/n whose counts have standard errors sx, sn: the Wilson interval widened by them. */
export function widenRate(r: Rate, sx: number, sn: number): Rate {
  if (r.rate === null || r.low === null || r.high === null) return r;
  const { low, high } = widen(r.rate, r.low, r.high, ratioSigma(r.x, sx, r.n, sn));
  return { ...r, low, high };
}

/** Is the count within 1.96 σ of zero (its 95% interval reaches 0)? An exact zero is not. */
const withinError = (x: number, sigma: number) => x > 0 && 1.96 * sigma >= x;

/**
 * Widens a pair's rates and lift by its counts' standard errors (PairCount.sigma, in place). When
 * a converter count is within the error of zero, instead marks the pair "counting-error" and
 * withholds that rate and every figure built on it.
 */
export function applyPairCountingError(pair: PairAnalysis, p: PairCount): void {
  const s = p.sigma;
  if (!s) return;
  if (withinError(p.convertedWithoutMicro, s.convertedWithoutMicro)) {
    withhold(pair, "baseline", COUNTING_ERROR_NOTE);
    return;
  }
  if (withinError(p.convertedAfterMicro, s.convertedAfterMicro)) {
    withhold(pair, "afterMicro", AFTER_MICRO_NOTE);
    return;
  }
  pair.afterMicro = widenRate(pair.afterMicro, s.convertedAfterMicro, s.microUsers);
  pair.baseline = widenRate(pair.baseline, s.convertedWithoutMicro, s.nonMicroUsers);
  if (pair.lift) {
    const rel = (e: number, n: number) => (n > 0 ? e / n : 0);
    pair.lift = widenLift(pair.lift, {
      a: rel(s.convertedAfterMicro, p.convertedAfterMicro),
      n1: rel(s.microUsers, p.microUsers),
      c: rel(s.convertedWithoutMicro, p.convertedWithoutMicro),
      n2: rel(s.nonMicroUsers, p.nonMicroUsers),
    });
  }
}

/** Standard errors of a pair's counts as the Data API source obtains them (see the header). */
export function dataApiPairSigma(
  p: Omit<PairCount, "sigma">,
  totalUsers: number,
  precision: CountingPrecision,
): NonNullable<PairCount["sigma"]> {
  return {
    microUsers: countingSigma(p.microUsers, precision),
    convertedAfterMicro: countingSigma(p.convertedAfterMicro, precision),
    nonMicroUsers: differenceSigma(totalUsers, p.microUsers, precision),
    convertedWithoutMicro: countingSigma(p.convertedWithoutMicro, precision),
  };
}

function withhold(pair: PairAnalysis, rate: "baseline" | "afterMicro", note: string): void {
  pair.status = "counting-error";
  pair.note = note;
  pair[rate] = { ...pair[rate], rate: null, low: null, high: null };
  pair.lift = null;
  pair.test = null;
  pair.pValue = null;
  pair.phi = null;
  pair.valuePerMicro = null;
}

/** Widens a funnel's step and overall rates by the counting error of their counts (in place). */
export function applyFunnelCountingError(f: FunnelAnalysis, precision: CountingPrecision): void {
  const sigma = (n: number) => countingSigma(n, precision);
  for (const s of f.steps) {
    if (s.stepConversion)
      s.stepConversion = widenRate(s.stepConversion, sigma(s.stepConversion.x), sigma(s.stepConversion.n));
    s.overallConversion = widenRate(
      s.overallConversion,
      sigma(s.overallConversion.x),
      sigma(s.overallConversion.n),
    );
  }
  f.overallConversion = widenRate(
    f.overallConversion,
    sigma(f.overallConversion.x),
    sigma(f.overallConversion.n),
  );
}
