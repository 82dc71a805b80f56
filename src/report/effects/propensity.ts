// The propensity model: P(doing the micro goal in this session | history at its start), a logistic
// regression with one indicator per covariate level (main effects; the first level of each is the
// reference), fit by Newton–Raphson over distinct covariate patterns with weighted counts, so a
// bootstrap replicate only re-counts patterns and refits from the previous solution. A weak ridge
// penalty keeps the fit finite when a level predicts doing it perfectly (separation); such rows end
// up with propensities near 1 and fall outside the overlap.

export interface PropensityDesign {
  /** covariate → index of its level 1 among the coefficients (level 0 is the reference) */
  offset: Int32Array;
  /** coefficients: intercept + Σ (levels − 1) */
  size: number;
  /**
   * Each pattern's coefficient indexes (intercept first): pattern k's are active[activeStart[k]]
   * up to active[activeStart[k + 1]] (one flat array, read front to back by every pass).
   */
  active: Int32Array;
  activeStart: Int32Array;
  /** number of patterns */
  patterns: number;
  /**
   * The cells of the Hessian's lower triangle each pattern adds to, in the order the fit adds
   * them: pattern k's are cells[cellStart[k]] up to cells[cellStart[k + 1]] (one flat array: the
   * fit's inner loop reads it front to back).
   */
  cells: Int32Array;
  cellStart: Int32Array;
}

export const RIDGE = 0.1;

export function propensityDesign(levels: number[], patterns: Int32Array[]): PropensityDesign {
  const offset = new Int32Array(levels.length);
  let size = 1;
  levels.forEach((l, c) => {
    offset[c] = size - 1; // level l ≥ 1 → size − 1 + l
    size += Math.max(0, l - 1);
  });
  const perPattern = patterns.map((codes) => {
    const idx = [0];
    codes.forEach((code, c) => {
      if (code > 0) idx.push((offset[c] as number) + code);
    });
    return idx;
  });
  const activeStart = new Int32Array(perPattern.length + 1);
  const cellStart = new Int32Array(perPattern.length + 1);
  perPattern.forEach((idx, k) => {
    activeStart[k + 1] = (activeStart[k] as number) + idx.length;
    cellStart[k + 1] = (cellStart[k] as number) + (idx.length * (idx.length + 1)) / 2;
  });
  const active = Int32Array.from(perPattern.flat());
  const cells = new Int32Array(cellStart[perPattern.length] as number);
  let c = 0;
  for (const idx of perPattern)
    for (let a = 0; a < idx.length; a++)
      for (let b = 0; b <= a; b++) {
        const ia = idx[a] as number;
        const ib = idx[b] as number;
        cells[c++] = ia >= ib ? ia * size + ib : ib * size + ia;
      }
  return { offset, size, active, activeStart, patterns: perPattern.length, cells, cellStart };
}

/**
 * Fits the coefficients to `doers[p]` of `total[p]` (weighted) per pattern by Newton–Raphson from
 * the overall rate. Returns the coefficients; `propensity` turns them into P per pattern.
 */
export function fitPropensity(
  design: PropensityDesign,
  doers: Float64Array,
  total: Float64Array,
  maxIterations = 30,
): Float64Array {
  const p = design.size;
  const beta = new Float64Array(p);
  // Start at the overall rate: fewer iterations, no overflow on rare goals.
  let d = 0;
  let n = 0;
  for (let i = 0; i < total.length; i++) {
    d += doers[i] as number;
    n += total[i] as number;
  }
  const rate = Math.min(Math.max(d / Math.max(n, 1e-12), 1e-6), 1 - 1e-6);
  beta[0] = Math.log(rate / (1 - rate));
  for (let it = 0; it < maxIterations; it++) {
    const mu = propensity(design, beta);
    const step = solveFactored(
      informationFactor(design, total, mu),
      gradient(design, doers, total, beta, mu),
      p,
    );
    let largest = 0;
    for (let i = 0; i < p; i++) {
      // Damped: a step of more than 5 on the log-odds scale is never needed in one go.
      const s = Math.max(-5, Math.min(5, step[i] as number));
      beta[i] = (beta[i] as number) + s;
      largest = Math.max(largest, Math.abs(s));
    }
    if (largest < 1e-5) break;
  }
  return beta;
}

/** The penalized log-likelihood's gradient at `beta` (propensities `mu`). */
function gradient(
  design: PropensityDesign,
  doers: Float64Array,
  total: Float64Array,
  beta: Float64Array,
  mu: Float64Array,
): Float64Array {
  const grad = new Float64Array(design.size);
  const { active, activeStart } = design;
  for (let k = 0; k < design.patterns; k++) {
    const n = total[k] as number;
    if (n <= 0) continue;
    const g = (doers[k] as number) - n * (mu[k] as number);
    const end = activeStart[k + 1] as number;
    for (let a = activeStart[k] as number; a < end; a++) {
      const ia = active[a] as number;
      grad[ia] = (grad[ia] as number) + g;
    }
  }
  for (let i = 1; i < design.size; i++) grad[i] = (grad[i] as number) - RIDGE * (beta[i] as number);
  return grad;
}

/**
 * P per pattern at `beta` (into `out` when given). With `rows`, only patterns with rows (rows[k] >
 * 0) are computed and the rest of `out` is left as it is: a bootstrap replicate draws no rows of a
 * third of the patterns, and their exp() was a third of its cost.
 */
export function propensity(
  design: PropensityDesign,
  beta: Float64Array,
  out: Float64Array = new Float64Array(design.patterns),
  rows?: Float64Array,
): Float64Array {
  const { active, activeStart } = design;
  for (let k = 0; k < design.patterns; k++) {
    if (rows && !((rows[k] as number) > 0)) continue;
    const end = activeStart[k + 1] as number;
    let eta = 0;
    for (let a = activeStart[k] as number; a < end; a++) eta += beta[active[a] as number] as number;
    out[k] = 1 / (1 + Math.exp(-eta));
  }
  return out;
}

/**
 * The Cholesky factor of the penalized information matrix at propensities `mu` (per pattern, with
 * `total` rows each): what a Newton step divides by. A bootstrap replicate's one step (oneStep)
 * divides by the full sample's, computed once per pair instead of once per replicate.
 */
export function informationFactor(
  design: PropensityDesign,
  total: Float64Array,
  mu: Float64Array,
): Float64Array {
  const p = design.size;
  const hess = new Float64Array(p * p);
  addPatternInformation(design, total, mu, hess);
  for (let i = 1; i < p; i++) hess[i * p + i] = (hess[i * p + i] as number) + RIDGE;
  hess[0] = (hess[0] as number) + 1e-9;
  return cholesky(hess, p);
}

/**
 * Each pattern's n·μ(1 − μ) added to its cells of the Hessian's lower triangle. A function of its
 * own: V8 compiles a long loop's first run mid-loop (on-stack replacement), before anything after
 * the loop has run; with the ridge and the factorisation after it, that code gave up right after
 * the loop on almost every later call (67 times in one report on 7 real days) and the rest ran in
 * the interpreter.
 */
function addPatternInformation(
  design: PropensityDesign,
  total: Float64Array,
  mu: Float64Array,
  hess: Float64Array,
): void {
  for (let k = 0; k < design.patterns; k++) {
    const n = total[k] as number;
    if (n <= 0) continue;
    const m = mu[k] as number;
    const w = n * m * (1 - m);
    const cellEnd = design.cellStart[k + 1] as number;
    for (let c = design.cellStart[k] as number; c < cellEnd; c++) {
      const hi = design.cells[c] as number;
      hess[hi] = (hess[hi] as number) + w;
    }
  }
}

/**
 * One Newton step from `beta` (propensities `mu`) on the counts `doers` of `total`, dividing by the
 * information factor of the full sample at `beta` (informationFactor): the bootstrap's one-step
 * estimator with the full-sample information (asymptotically the same as the replicate's own).
 */
export function oneStep(
  design: PropensityDesign,
  doers: Float64Array,
  total: Float64Array,
  beta: Float64Array,
  mu: Float64Array,
  factor: Float64Array,
): Float64Array {
  const step = solveFactored(factor, gradient(design, doers, total, beta, mu), design.size);
  const out = Float64Array.from(beta);
  for (let i = 0; i < design.size; i++)
    out[i] = (out[i] as number) + Math.max(-5, Math.min(5, step[i] as number));
  return out;
}

/** The lower-triangular L with L Lᵀ = H (H by its lower triangle). */
function cholesky(h: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) l[i * p + i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i * p + j] = s / (l[j * p + j] as number);
    }
  }
  return l;
}

/** Solves L Lᵀ x = g. */
function solveFactored(l: Float64Array, g: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = g[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (y[k] as number);
    y[i] = s / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}
