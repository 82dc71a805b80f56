// The adjusted effect of doing a micro goal on the macro goal, for the users who did it (the effect
// on the treated, as a risk ratio at the horizon). Method (docs/effects.md):
//   1. sequential trials at every session start (trials.ts): doers at their first time, comparison
//      rows = users eligible at the same point of their journey who did not do it then;
//   2. propensity of doing it in that session from the history at its start (propensity.ts);
//      comparison rows weighted by the odds e/(1 − e) (ATT weights, Hirano, Imbens & Ridder 2003);
//      rows with e above the trimming bound or above the largest comparison propensity are outside
//      the overlap and left out;
//   3. weighted Kaplan–Meier cumulative incidence per arm (kaplan-meier.ts), risk ratio at the
//      horizon;
//   4. 95% interval from a user-clustered bootstrap (every replicate resamples users with all their
//      rows and refits the propensity model), normal on the log scale; E-values (e-value.ts).
import type { AdjustedEffect } from "../analysis.js";
import { eValue, eValueOfBound } from "./e-value.js";
import type { Journeys, Patterns } from "./journeys.js";
import { incidenceOfCountedRows } from "./kaplan-meier.js";
import { fitPropensity, type PropensityDesign, propensity } from "./propensity.js";
import { seededRandom } from "./random.js";
import { countByPattern, type TrialArm, trialArm } from "./trial-arms.js";
import { trialRows } from "./trials.js";

export const METHOD =
  "sequential trials at each session start; propensity (logistic, pre-exposure history) ATT weights; weighted Kaplan–Meier; user-clustered bootstrap";

export interface EffectOptions {
  horizonSeconds: number;
  /** fewer comparable doers than this: no number ("cannot adjust: N comparable users") */
  minUsers: number;
  /** bootstrap replicates (default 100: the interval uses their standard error, not their tails) */
  replicates?: number;
  seed?: number;
  /** days at which cumulative incidence is reported (default 1, 7, 14, 28) */
  incidenceDays?: number[];
  /** propensities above this are outside the overlap (default 0.95; below 1: the odds stay finite) */
  trim?: number;
  /** below this share of doers with comparable users: no number (default 0.5) */
  minOverlap?: number;
}

const DAY = 86_400;
const Z95 = 1.959963984540054;

interface Once {
  /** cumulative incidence at the horizon then at each incidence day: doers, comparison */
  doers: (number | null)[];
  comparison: (number | null)[];
  comparableDoers: number;
  doersTotal: number;
  comparisonUsers: number;
  beta: Float64Array;
}

export interface PairToEstimate {
  microId: string;
  macroId: string;
  horizonSeconds: number;
}

export function estimateAdjustedEffect(
  j: Journeys,
  patterns: Patterns,
  design: PropensityDesign,
  microId: string,
  macroId: string,
  options: EffectOptions,
): AdjustedEffect {
  return estimateAdjustedEffects(
    j,
    patterns,
    design,
    [{ microId, macroId, horizonSeconds: options.horizonSeconds }],
    options,
  )[0] as AdjustedEffect;
}

/**
 * Every pair's effect, the same as estimating each alone: every pair's bootstrap draws the same
 * user counts from the same seed, so one draw per replicate serves all pairs at once.
 */
export function estimateAdjustedEffects(
  j: Journeys,
  patterns: Patterns,
  design: PropensityDesign,
  pairs: PairToEstimate[],
  options: Omit<EffectOptions, "horizonSeconds">,
): AdjustedEffect[] {
  const scratch = new Scratch();
  const started = pairs.map((p) =>
    startEstimate(
      j,
      patterns,
      design,
      p.microId,
      p.macroId,
      { ...options, horizonSeconds: p.horizonSeconds },
      scratch,
    ),
  );
  const pending = started.filter((s): s is Pending => "ctx" in s);
  if (pending.length > 0) {
    const replicates = options.replicates ?? 100;
    const rand = seededRandom(options.seed ?? 12345);
    const counts = new Uint8Array(j.users);
    for (let b = 0; b < replicates; b++) {
      drawUserCounts(rand, counts);
      for (const p of pending) {
        const rep = once(p.ctx, counts, p.beta, p.betaMu);
        const t = rep.doers[0];
        const c = rep.comparison[0];
        if (t !== null && t !== undefined && c !== null && c !== undefined && t > 0 && c > 0)
          p.logs.push(Math.log(t / c));
      }
    }
  }
  return started.map((s) => ("ctx" in s ? finish(s) : s));
}

/**
 * A bootstrap sample of users: how many times each of them is drawn, n draws with replacement.
 * Bytes keep the replicates' random reads in cache; a count above 255 needs n ≥ 256 and has
 * probability below n / 256! (about 1e-500), so it is checked, never expected.
 */
function drawUserCounts(rand: () => number, counts: Uint8Array): void {
  const n = counts.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const u = Math.floor(rand() * n);
    const c = counts[u] as number;
    if (c === 255) throw new Error("bootstrap: a user drawn more than 255 times");
    counts[u] = c + 1;
  }
}

/** A pair with a point estimate, waiting for its bootstrap replicates. */
interface Pending {
  ctx: Context;
  base: AdjustedEffect;
  rr: number;
  beta: Float64Array;
  /** the propensity per pattern at `beta` */
  betaMu: Float64Array;
  logs: number[];
}

function startEstimate(
  j: Journeys,
  patterns: Patterns,
  design: PropensityDesign,
  microId: string,
  macroId: string,
  options: EffectOptions,
  scratch: Scratch,
): AdjustedEffect | Pending {
  const micro = j.firstTime.get(microId);
  const macro = j.firstTime.get(macroId);
  const days = options.incidenceDays ?? [1, 7, 14, 28];
  const span = j.dataEnd - j.dataStart;
  const horizon = Math.max(0, Math.min(options.horizonSeconds, span));
  const base: AdjustedEffect = {
    lift: { relative: null, low: null, high: null },
    method: METHOD,
    n: 0,
    eValue: { point: null, bound: null },
    status: "no data",
    overlap: null,
    comparisonUsers: 0,
    notAdjustedFor: ["anything not in the export's pre-exposure history (unmeasured confounding)"],
    incidence: days.map((d) => ({ days: d, doers: null, comparison: null })),
    horizonSeconds: horizon,
    significant: false,
  };
  if (!micro || !macro || horizon <= 0) return base;
  // Follow-up long enough for the incidence days too; the risk ratio is read at the horizon.
  const rows = trialRows(j, micro, macro, Math.max(horizon, ...days.map((d) => d * DAY)));
  const rowPattern = new Int32Array(rows.count);
  for (let r = 0; r < rows.count; r++) rowPattern[r] = patterns.of[rows.session[r] as number] as number;
  const at = [horizon, ...days.map((d) => d * DAY)];
  const atOrder = at.map((_, i) => i).sort((a, b) => (at[a] as number) - (at[b] as number));
  const ctx: Context = {
    patterns,
    design,
    doers: trialArm(rows, rowPattern, 1),
    others: trialArm(rows, rowPattern, 0),
    atOrder,
    atSorted: atOrder.map((i) => at[i] as number),
    trim: options.trim ?? 0.95,
    scratch,
  };

  const full = once(ctx, new Uint8Array(j.users).fill(1), undefined);
  base.n = full.comparableDoers;
  base.overlap = full.doersTotal > 0 ? full.comparableDoers / full.doersTotal : null;
  base.comparisonUsers = full.comparisonUsers;
  // Beyond the data's span nobody was followed: no figure.
  base.incidence = days.map((d, i) => ({
    days: d,
    doers: d * DAY <= span ? (full.doers[i + 1] ?? null) : null,
    comparison: d * DAY <= span ? (full.comparison[i + 1] ?? null) : null,
  }));
  if (full.doersTotal === 0) {
    base.status = "no users did the micro goal";
    return base;
  }
  if (full.comparableDoers < options.minUsers || (base.overlap ?? 0) < (options.minOverlap ?? 0.5)) {
    base.status = `cannot adjust: ${full.comparableDoers} comparable users`;
    return base;
  }
  const fT = full.doers[0] ?? null;
  const fC = full.comparison[0] ?? null;
  if (fT === null || fC === null || fC <= 0) {
    base.status = "cannot adjust: no conversions among comparable users";
    return base;
  }
  if (fT <= 0) {
    base.status = "cannot adjust: no conversions among comparable doers";
    return base;
  }
  return { ctx, base, rr: fT / fC, beta: full.beta, betaMu: propensity(design, full.beta), logs: [] };
}

function finish({ base, rr, logs }: Pending): AdjustedEffect {
  const se = sd(logs);
  const low = Math.exp(Math.log(rr) - Z95 * se);
  const high = Math.exp(Math.log(rr) + Z95 * se);
  return {
    ...base,
    lift: { relative: rr - 1, low: low - 1, high: high - 1 },
    eValue: { point: eValue(rr), bound: eValueOfBound(rr, low, high) },
    status: "ok",
    significant: low > 1 || high < 1,
  };
}

interface Context {
  patterns: Patterns;
  design: PropensityDesign;
  doers: TrialArm;
  others: TrialArm;
  /** the evaluation times (horizon, then the incidence days): ascending, and where each came from */
  atSorted: number[];
  atOrder: number[];
  trim: number;
  scratch: Scratch;
}

/** Row buffers every pair's passes reuse (one pair at a time), grown to the largest pair. */
class Scratch {
  rowCounts = new Uint8Array(0);
  fit(rows: number): void {
    if (this.rowCounts.length < rows) {
      this.rowCounts = new Uint8Array(rows);
    }
  }
}

/** One estimate with users counted `userCounts` times, propensity warm-started from `start`. */
function once(
  ctx: Context,
  userCounts: Uint8Array,
  start: Float64Array | undefined,
  startMu?: Float64Array,
): Once {
  // Replicates start from the full-sample fit and take one Newton step: the one-step estimator,
  // asymptotically the same as refitting to convergence, at a fraction of the cost.
  const { patterns, design, doers: doerArm, others: otherArm, trim, scratch } = ctx;
  scratch.fit(doerArm.count + otherArm.count);
  const doerCounts = scratch.rowCounts.subarray(0, doerArm.count);
  const otherCounts = scratch.rowCounts.subarray(doerArm.count, doerArm.count + otherArm.count);
  const doers = new Float64Array(patterns.count);
  const total = new Float64Array(patterns.count);
  countByPattern(doerArm, userCounts, doers, doerCounts);
  total.set(doers);
  countByPattern(otherArm, userCounts, total, otherCounts);
  const beta = fitPropensity(design, doers, total, start, start ? 1 : 50, startMu);
  const e = propensity(design, beta);
  // Common support: comparison rows above the trimming bound carry unbounded weights; doers above
  // the largest comparison propensity have nobody like them. Patterns with comparison rows tell.
  let maxOther = 0;
  for (let p = 0; p < patterns.count; p++) {
    const pe = e[p] as number;
    if ((total[p] as number) > (doers[p] as number) && pe <= trim && pe > maxOther) maxOther = pe;
  }
  const bound = Math.min(trim, maxOther);
  // Per pattern: a doer row's weight factor (1 in the overlap, else 0) and a comparison row's
  // (the odds e/(1 − e), 0 above the trimming bound).
  const doerFactor = new Float64Array(patterns.count);
  const otherFactor = new Float64Array(patterns.count);
  let comparableDoers = 0;
  let doersTotal = 0;
  for (let p = 0; p < patterns.count; p++) {
    const pe = e[p] as number;
    const d = doers[p] as number;
    doersTotal += d;
    if (pe <= bound) {
      doerFactor[p] = 1;
      comparableDoers += d;
    }
    // Finite: odds only at propensities within the trimming bound (below 1).
    otherFactor[p] = pe > trim ? 0 : pe / (1 - pe);
  }
  // Each arm's total weight from its per-pattern counts: the Kaplan–Meier pass needs no pass of
  // its own to sum the rows (the same total up to the order of the additions).
  let doerWeight = 0;
  let otherWeight = 0;
  for (let p = 0; p < patterns.count; p++) {
    const d = doers[p] as number;
    doerWeight += d * (doerFactor[p] as number);
    otherWeight += ((total[p] as number) - d) * (otherFactor[p] as number);
  }
  const incidence = (arm: TrialArm, rowCounts: Uint8Array, factor: Float64Array, weight: number) => {
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
    comparisonUsers: start ? 0 : comparisonUsers(otherArm, e, trim, userCounts.length),
    beta,
  };
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

function sd(xs: number[]): number {
  if (xs.length < 2) return Number.POSITIVE_INFINITY;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
}
