// One bootstrap replicate of the adjusted effect (adjusted-effect.ts): users drawn with
// replacement, the propensity refit by one Newton step from the full-sample fit, weighted
// Kaplan–Meier per arm. Replicate b draws from its own seed, so any split of the replicates
// between threads gives the same numbers as running them in order.
import { incidenceOfCountedRows } from "./kaplan-meier.js";
import { fitPropensity, oneStep, type PropensityDesign, propensity } from "./propensity.js";
import { SeededRandom } from "./random.js";
import { countByPattern, type TrialArm } from "./trial-arms.js";

export interface Once {
  /**
   * cumulative incidence at the horizon then at each incidence day (a replicate's: at the horizon
   * only): doers, comparison
   */
  doers: (number | null)[];
  comparison: (number | null)[];
  comparableDoers: number;
  doersTotal: number;
  comparisonUsers: number;
  beta: Float64Array;
  /** rows per pattern (both arms, counted) */
  total: Float64Array;
}

/**
 * What a replicate of one pair reads: plain data (the arms' arrays on shared memory), so a worker
 * thread can run replicates too (bootstrap-threads.ts).
 */
export interface ReplicateContext {
  patternCount: number;
  design: PropensityDesign;
  doers: TrialArm;
  others: TrialArm;
  /** the evaluation times (horizon, then the incidence days): ascending, and where each came from */
  atSorted: number[];
  atOrder: number[];
  /** the horizon alone: all a bootstrap replicate reads (its pass stops at the first event past it) */
  horizon: number;
  trim: number;
  /** the full-sample fit every replicate starts from, its propensities (set once it exists) */
  beta?: Float64Array;
  betaMu?: Float64Array;
  /** the information factor at `beta` (propensity.ts informationFactor) every replicate divides by */
  information?: Float64Array;
}

/**
 * Buffers every pair's passes reuse (one pair at a time), grown to the largest pair: row counts,
 * and per-pattern sums, weights and propensities for replicates (whose results keep none of them).
 * Fresh memory costs a page fault per 4 KB on first touch, and a replicate is short.
 */
export class Scratch {
  rowCounts = new Uint8Array(0);
  private perPattern: Float64Array[] = [];
  fit(rows: number): void {
    if (this.rowCounts.length < rows) {
      this.rowCounts = new Uint8Array(rows);
    }
  }
  /** Per-pattern array k (of `patterns`), zeroed. */
  pattern(k: number, patterns: number): Float64Array {
    let a = this.perPattern[k];
    if (!a || a.length !== patterns) {
      a = new Float64Array(patterns);
      this.perPattern[k] = a;
    } else a.fill(0);
    return a;
  }
}

/**
 * One estimate with users counted `userCounts` times: the full sample (every count 1) fits the
 * propensity model to convergence; a bootstrap replicate takes one Newton step from that fit,
 * dividing by its information (ctx.beta, ctx.betaMu, ctx.information): the one-step bootstrap,
 * asymptotically the same as refitting, at a fraction of the cost.
 */
export function once(
  ctx: ReplicateContext,
  userCounts: Uint8Array,
  scratch: Scratch,
  replicate: boolean,
): Once {
  const { patternCount, design, doers: doerArm, others: otherArm, trim } = ctx;
  scratch.fit(doerArm.count + otherArm.count);
  const doerCounts = scratch.rowCounts.subarray(0, doerArm.count);
  const otherCounts = scratch.rowCounts.subarray(doerArm.count, doerArm.count + otherArm.count);
  // A replicate's per-pattern arrays are scratch; the full sample's are kept (total, in `Once`).
  const perPattern = (k: number) =>
    replicate ? scratch.pattern(k, patternCount) : new Float64Array(patternCount);
  const doers = perPattern(0);
  const total = perPattern(1);
  countByPattern(doerArm, userCounts, doers, doerCounts);
  total.set(doers);
  countByPattern(otherArm, userCounts, total, otherCounts);
  const { beta: start, betaMu, information } = ctx;
  const beta =
    replicate && start && betaMu && information
      ? oneStep(design, doers, total, start, betaMu, information)
      : fitPropensity(design, doers, total, 50);
  // A replicate's patterns without rows keep propensity 0 (a zeroed buffer): their rows all count
  // 0, so whatever finite factor they get weighs nothing.
  const e = replicate
    ? propensity(design, beta, scratch.pattern(4, patternCount), total)
    : propensity(design, beta);
  const bound = Math.min(trim, largestComparison(e, doers, total, trim, patternCount));
  const doerFactor = perPattern(2);
  const otherFactor = perPattern(3);
  const comparableDoers = writeFactors(e, doers, bound, trim, doerFactor, otherFactor, patternCount);
  const doersTotal = sum(doers, patternCount);
  // Each arm's total weight from its per-pattern counts: the Kaplan–Meier pass needs no pass of
  // its own to sum the rows (the same total up to the order of the additions).
  const doerWeight = doerWeightOf(doers, doerFactor, patternCount);
  const otherWeight = comparisonWeightOf(doers, total, otherFactor, patternCount);
  const incidence = (arm: TrialArm, rowCounts: Uint8Array, factor: Float64Array, weight: number) => {
    if (replicate) return incidenceOfCountedRows(arm, rowCounts, factor, [ctx.horizon], weight);
    const sorted = incidenceOfCountedRows(arm, rowCounts, factor, ctx.atSorted, weight);
    const out: (number | null)[] = new Array(sorted.length);
    ctx.atOrder.forEach((i, k) => {
      out[i] = sorted[k] ?? null;
    });
    return out;
  };
  return {
    doers: incidence(doerArm, doerCounts, doerFactor, doerWeight),
    comparison: incidence(otherArm, otherCounts, otherFactor, otherWeight),
    comparableDoers,
    doersTotal,
    comparisonUsers: replicate ? 0 : comparisonUsers(otherArm, e, trim, userCounts.length),
    beta,
    total,
  };
}

// once()'s passes over the patterns, each a function of its own: called a hundred times per pair,
// they are optimized after a few calls, while once() itself (large, with everything inlined) took
// 25–70 ms to compile and meanwhile ran them in the interpreter, a boxed number per step.

/**
 * Common support: comparison rows above the trimming bound carry unbounded weights; doers above
 * the largest comparison propensity have nobody like them. Patterns with comparison rows tell.
 */
function largestComparison(
  e: Float64Array,
  doers: Float64Array,
  total: Float64Array,
  trim: number,
  patterns: number,
): number {
  let maxOther = 0;
  for (let p = 0; p < patterns; p++) {
    const pe = e[p] as number;
    if ((total[p] as number) > (doers[p] as number) && pe <= trim && pe > maxOther) maxOther = pe;
  }
  return maxOther;
}

/**
 * Per pattern, into zeroed arrays: a doer row's weight factor (1 in the overlap, else 0) and a
 * comparison row's (the odds e/(1 − e), 0 above the trimming bound). Returns the comparable doers.
 */
function writeFactors(
  e: Float64Array,
  doers: Float64Array,
  bound: number,
  trim: number,
  doerFactor: Float64Array,
  otherFactor: Float64Array,
  patterns: number,
): number {
  let comparable = 0;
  for (let p = 0; p < patterns; p++) {
    const pe = e[p] as number;
    if (pe <= bound) {
      doerFactor[p] = 1;
      comparable += doers[p] as number;
    }
    // Finite: odds only at propensities within the trimming bound (below 1).
    otherFactor[p] = pe > trim ? 0 : pe / (1 - pe);
  }
  return comparable;
}

function sum(values: Float64Array, n: number): number {
  let total = 0;
  for (let p = 0; p < n; p++) total += values[p] as number;
  return total;
}

function doerWeightOf(doers: Float64Array, factor: Float64Array, patterns: number): number {
  let weight = 0;
  for (let p = 0; p < patterns; p++) weight += (doers[p] as number) * (factor[p] as number);
  return weight;
}

function comparisonWeightOf(
  doers: Float64Array,
  total: Float64Array,
  factor: Float64Array,
  patterns: number,
): number {
  let weight = 0;
  for (let p = 0; p < patterns; p++)
    weight += ((total[p] as number) - (doers[p] as number)) * (factor[p] as number);
  return weight;
}

/** Distinct users with a comparison row inside the trimming bound. */
function comparisonUsers(arm: TrialArm, e: Float64Array, trim: number, users: number): number {
  const seen = new Uint8Array(users);
  let distinct = 0;
  for (let i = 0; i < arm.count; i++) {
    const u = arm.user[i] as number;
    if (seen[u] === 0 && !((e[arm.pattern[i] as number] as number) > trim)) {
      seen[u] = 1;
      distinct++;
    }
  }
  return distinct;
}

/**
 * A bootstrap sample of users: how many times each of them is drawn, n draws with replacement.
 * Bytes keep the replicates' random reads in cache; a count above 255 needs n ≥ 256 and has
 * probability below n / 256! (about 1e-500), so it is checked, never expected.
 */
function drawUserCounts(random: SeededRandom, counts: Uint8Array): void {
  const n = counts.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const u = Math.floor(random.next() * n);
    const c = counts[u] as number;
    if (c === 255) throw new Error("bootstrap: a user drawn more than 255 times");
    counts[u] = c + 1;
  }
}

/** Replicate b's seed: the report's seed and b mixed (a splitmix32 step), never two alike for b < 2^32. */
export function replicateSeed(seed: number, b: number): number {
  let z = (seed + Math.imul(b + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Replicates `from` up to `to` of every pair: what a thread is handed. */
export interface ReplicateTask {
  contexts: ReplicateContext[];
  users: number;
  seed: number;
  from: number;
  to: number;
}

/**
 * Log risk ratios at the horizon of replicates `from` up to `to` for each pair (NaN where a
 * replicate has no ratio): one user draw per replicate serves every pair. `onReplicate`: told how
 * many are done after each one.
 */
export function replicateLogs(
  contexts: ReplicateContext[],
  users: number,
  seed: number,
  from: number,
  to: number,
  onReplicate?: (done: number) => void,
): Float64Array[] {
  const logs = contexts.map(() => new Float64Array(Math.max(0, to - from)).fill(Number.NaN));
  const counts = new Uint8Array(users);
  const scratch = new Scratch();
  for (let b = from; b < to; b++) {
    drawUserCounts(new SeededRandom(replicateSeed(seed, b)), counts);
    contexts.forEach((ctx, k) => {
      const rep = once(ctx, counts, scratch, true);
      const t = rep.doers[0];
      const c = rep.comparison[0];
      if (t !== null && t !== undefined && c !== null && c !== undefined && t > 0 && c > 0)
        (logs[k] as Float64Array)[b - from] = Math.log(t / c);
    });
    onReplicate?.(b - from + 1);
  }
  return logs;
}
