// HyperLogLog++ (Heule, Nunkesser, Hall 2013, "HyperLogLog in Practice"), the sketch GA4 counts
// users and sessions with. Hashes are 64-bit (hash64.ts). A sketch starts sparse: a map from the
// top `sp` hash bits to the largest rank seen under them, estimated by linear counting over 2^sp
// buckets, so small counts come out exact. When the sparse list would outgrow the dense registers
// (paper: 6m bits; at ~1.5 bytes per delta-coded entry that is m/2 entries) it converts to m = 2^p
// dense registers: raw estimate, empirical bias correction below 5m (hll-bias.ts, k-NN with k = 6),
// and linear counting while it stays under the paper's per-precision threshold.

import { HLL_BIAS } from "./hll-bias.js";

export interface HllPrecision {
  /** dense precision: m = 2^p registers */
  p: number;
  /** sparse precision */
  sp: number;
}

/**
 * GA4's configuration ("Unique count approximation in Google Analytics", Google Analytics
 * developer blog, October 2022): totalUsers and activeUsers p = 14 / sp = 25, sessions 12 / 17.
 */
export const USER_PRECISION: HllPrecision = { p: 14, sp: 25 };
export const SESSION_PRECISION: HllPrecision = { p: 12, sp: 17 };

/** Heule et al. 2013, appendix: below this, linear counting beats the bias-corrected estimate. */
const LINEAR_COUNTING_THRESHOLD: Record<number, number> = {
  4: 10,
  5: 20,
  6: 40,
  7: 80,
  8: 220,
  9: 400,
  10: 900,
  11: 1800,
  12: 3100,
  13: 6500,
  14: 11500,
  15: 20000,
  16: 50000,
  17: 120000,
  18: 350000,
};

/** Number of leading zeros of the (64 − skip)-bit word after the first `skip` bits, plus one. */
function rank(hi: number, lo: number, skip: number): number {
  const rest = (hi << skip) >>> 0;
  if (skip < 32 && rest !== 0) return Math.clz32(rest) + 1;
  return 32 - skip + Math.clz32(lo) + 1;
}

export class HyperLogLogPlusPlus {
  private sparse: Map<number, number> | null = new Map();
  private dense: Uint8Array | null = null;
  readonly m: number;

  constructor(readonly precision: HllPrecision = USER_PRECISION) {
    if (precision.p < 4 || precision.p > 18 || precision.sp < precision.p || precision.sp > 25) {
      throw new Error(`unsupported HLL++ precision ${precision.p}/${precision.sp}`);
    }
    this.m = 2 ** precision.p;
  }

  get isSparse(): boolean {
    return this.sparse !== null;
  }

  /** Adds one element by its 64-bit hash (hi, lo: unsigned 32-bit halves). */
  add(hi: number, lo: number): void {
    const { p, sp } = this.precision;
    if (this.sparse) {
      const idx = hi >>> (32 - sp);
      const r = rank(hi, lo, sp);
      const old = this.sparse.get(idx);
      if (old === undefined || r > old) this.sparse.set(idx, r);
      if (this.sparse.size > this.m / 2) this.toDense();
      return;
    }
    const regs = this.dense as Uint8Array;
    const j = hi >>> (32 - p);
    const r = rank(hi, lo, p);
    if (r > (regs[j] as number)) regs[j] = r;
  }

  /** Sparse entries carry enough to rebuild the dense register exactly (the paper's encoding). */
  private toDense(): void {
    const { p, sp } = this.precision;
    const regs = new Uint8Array(this.m);
    const shift = sp - p;
    const middleMask = (1 << shift) - 1;
    for (const [idx, r] of this.sparse as Map<number, number>) {
      const j = idx >>> shift;
      const middle = idx & middleMask;
      // The dense rank counts the bits between p and sp first; only if they are all zero does
      // the rank measured after sp continue it.
      const dr = middle !== 0 ? shift - (31 - Math.clz32(middle)) : shift + r;
      if (dr > (regs[j] as number)) regs[j] = dr;
    }
    this.sparse = null;
    this.dense = regs;
  }

  /** The estimated number of distinct elements (unrounded). */
  estimate(): number {
    if (this.sparse) {
      const ms = 2 ** this.precision.sp;
      return linearCounting(ms, ms - this.sparse.size);
    }
    const regs = this.dense as Uint8Array;
    const m = this.m;
    let sum = 0;
    let zeros = 0;
    for (let j = 0; j < m; j++) {
      const r = regs[j] as number;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = rawEstimate(m, sum);
    const corrected = raw <= 5 * m ? raw - estimateBias(raw, this.precision.p) : raw;
    if (zeros > 0) {
      const lc = linearCounting(m, zeros);
      if (lc <= (LINEAR_COUNTING_THRESHOLD[this.precision.p] as number)) return lc;
    }
    return corrected;
  }

  /** What GA4 prints: the estimate as an integer. */
  count(): number {
    return Math.round(this.estimate());
  }
}

export function alpha(m: number): number {
  if (m === 16) return 0.673;
  if (m === 32) return 0.697;
  if (m === 64) return 0.709;
  return 0.7213 / (1 + 1.079 / m);
}

/** The original HyperLogLog estimate from Σ 2^-register. */
export function rawEstimate(m: number, sumInversePowers: number): number {
  return (alpha(m) * m * m) / sumInversePowers;
}

function linearCounting(m: number, zeros: number): number {
  return m * Math.log(m / zeros);
}

/** Bias at a raw estimate: mean bias of the 6 nearest tabulated raw estimates. */
export function estimateBias(raw: number, p: number): number {
  const table = HLL_BIAS[p];
  if (!table) return 0;
  const { raw: xs, bias } = table;
  // xs is ascending: binary search, then widen to the k nearest.
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < raw) lo = mid + 1;
    else hi = mid;
  }
  let a = lo - 1;
  let b = lo;
  let sum = 0;
  for (let k = 0; k < 6 && (a >= 0 || b < xs.length); k++) {
    const da = a >= 0 ? raw - (xs[a] as number) : Number.POSITIVE_INFINITY;
    const db = b < xs.length ? (xs[b] as number) - raw : Number.POSITIVE_INFINITY;
    if (da <= db) sum += bias[a--] as number;
    else sum += bias[b++] as number;
  }
  return sum / 6;
}
