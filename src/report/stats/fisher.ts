// Fisher's exact test, two-sided, for the 2x2 table [[a, b], [c, d]]: the sum of the probabilities
// of every table with the same margins that is no more likely than the observed one (R's
// fisher.test and scipy.stats.fisher_exact use the same definition).
import pmf from "@stdlib/stats-base-dists-hypergeometric-pmf";

// Tables whose probability equals the observed one up to rounding must count as "as extreme".
const RELATIVE_TOLERANCE = 1 + 1e-7;

export function fisherExact(a: number, b: number, c: number, d: number): number {
  const N = a + b + c + d;
  const K = a + c; // first column total
  const n = a + b; // first row total
  if (N === 0) return 1;
  const lo = Math.max(0, n + K - N);
  const hi = Math.min(n, K);
  const observed = pmf(a, N, K, n);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = pmf(x, N, K, n);
    if (px <= observed * RELATIVE_TOLERANCE) p += px;
  }
  return Math.min(1, p);
}
