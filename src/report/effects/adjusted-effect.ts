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

/** What a pair's point estimate reads of the patterns: each session row's, and how many. */
export type PatternRows = Pick<Patterns, "of" | "count">;

import { PairBuffers } from "./pair-buffers.js";
import { informationFactor, type PropensityDesign, propensity } from "./propensity.js";
import { once, type ReplicateContext, replicateLogs, Scratch } from "./replicate.js";
import { comparisonArm, trialArm } from "./trial-arms.js";
import { comparisonOrder, trialRows } from "./trials.js";

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
 * user counts from the same seed, so one draw per replicate serves all pairs at once. Replicates
 * run here, in order; startEstimates and finishEstimates let the caller run them elsewhere
 * (bootstrap-threads.ts).
 */
export function estimateAdjustedEffects(
  j: Journeys,
  patterns: Patterns,
  design: PropensityDesign,
  pairs: PairToEstimate[],
  options: Omit<EffectOptions, "horizonSeconds">,
): AdjustedEffect[] {
  const started = startEstimates(j, patterns, design, pairs, options);
  return finishEstimates(
    started,
    replicateLogs(started.contexts, j.users, started.seed, 0, started.replicates),
  );
}

/** The point estimates, and what their bootstrap replicates need. */
export interface StartedEstimates {
  effects: (AdjustedEffect | Pending)[];
  /** one per pair waiting for replicates, in the order of `effects` */
  contexts: ReplicateContext[];
  users: number;
  seed: number;
  replicates: number;
}

export function startEstimates(
  j: Journeys,
  patterns: Patterns,
  design: PropensityDesign,
  pairs: PairToEstimate[],
  options: Omit<EffectOptions, "horizonSeconds">,
): StartedEstimates {
  return startedOf(startPairEstimates(j, patterns, design, pairs, options), j.users, options);
}

/**
 * Each pair's point estimate (a pair waiting for replicates, or its final effect when it has none).
 * `onPair`: told how many are done after each one.
 */
export function startPairEstimates(
  j: Journeys,
  patterns: PatternRows,
  design: PropensityDesign,
  pairs: PairToEstimate[],
  options: Omit<EffectOptions, "horizonSeconds">,
  onPair?: (done: number) => void,
): (AdjustedEffect | Pending)[] {
  const scratch = new Scratch();
  const orders: SessionOrders = new Map();
  const buffers = new PairBuffers();
  return pairs.map((p, i) => {
    const started = startEstimate(
      j,
      patterns,
      design,
      p.microId,
      p.macroId,
      { ...options, horizonSeconds: p.horizonSeconds },
      scratch,
      orders,
      buffers,
    );
    onPair?.(i + 1);
    return started;
  });
}

/** The point estimates of every pair, in order, with what their replicates need. */
export function startedOf(
  effects: (AdjustedEffect | Pending)[],
  users: number,
  options: Pick<EffectOptions, "replicates" | "seed">,
): StartedEstimates {
  const contexts = effects.filter((s): s is Pending => "ctx" in s).map((s) => s.ctx);
  return {
    effects,
    contexts,
    users,
    seed: options.seed ?? 12345,
    replicates: contexts.length > 0 ? (options.replicates ?? 100) : 0,
  };
}

/** `logs[k]`: replicate log risk ratios of the k-th context, in replicate order (NaN: none). */
export function finishEstimates(started: StartedEstimates, logs: Float64Array[]): AdjustedEffect[] {
  let k = 0;
  return started.effects.map((s) => {
    if (!("ctx" in s)) return s;
    const mine = logs[k++] ?? new Float64Array(0);
    return finish(
      s,
      Array.from(mine).filter((x) => !Number.isNaN(x)),
    );
  });
}

/** Sessions in comparison-row time order per macro goal and follow-up (trials.ts comparisonOrder). */
type SessionOrders = Map<string, Int32Array>;

/** A pair with a point estimate, waiting for its bootstrap replicates. */
export interface Pending {
  ctx: ReplicateContext;
  base: AdjustedEffect;
  rr: number;
}

function startEstimate(
  j: Journeys,
  patterns: PatternRows,
  design: PropensityDesign,
  microId: string,
  macroId: string,
  options: EffectOptions,
  scratch: Scratch,
  orders: SessionOrders = new Map(),
  buffers = new PairBuffers(),
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
  const follow = Math.max(horizon, ...days.map((d) => d * DAY));
  // Rows, patterns and picking in memory the pair before used: only the arms are kept.
  const rows = trialRows(j, micro, macro, follow, buffers);
  // Nobody did it: the weights standardise comparison rows to the doers, and there are none, so
  // there is no adjusted comparison to report (and no propensity to fit: with no doers its
  // intercept only drifts toward −∞).
  if (!rows.treated.includes(1)) {
    base.status = "no users did the micro goal";
    base.comparisonUsers = distinctUsers(rows.user);
    return base;
  }
  const orderKey = `${macroId}\u0000${follow}`;
  let order = orders.get(orderKey);
  if (!order) {
    order = comparisonOrder(j, macro, follow);
    orders.set(orderKey, order);
  }
  const rowPattern = buffers.patterns(rows.count);
  for (let r = 0; r < rows.count; r++) rowPattern[r] = patterns.of[rows.session[r] as number] as number;
  const at = [horizon, ...days.map((d) => d * DAY)];
  const atOrder = at.map((_, i) => i).sort((a, b) => (at[a] as number) - (at[b] as number));
  const ctx: ReplicateContext = {
    patternCount: patterns.count,
    design,
    doers: trialArm(rows, rowPattern, 1),
    others: comparisonArm(rows, rowPattern, order, buffers),
    atOrder,
    atSorted: atOrder.map((i) => at[i] as number),
    horizon,
    trim: options.trim ?? 0.95,
    // Set once the full sample is fit (below). Present from the start, so every context has the one
    // shape: a context that gained them later had another, and once() (a hundred calls per pair)
    // kept dropping its optimized code to run in the interpreter, boxing every number.
    beta: undefined,
    betaMu: undefined,
    information: undefined,
  };

  const full = once(ctx, new Uint8Array(j.users).fill(1), scratch, false);
  base.n = full.comparableDoers;
  base.overlap = full.doersTotal > 0 ? full.comparableDoers / full.doersTotal : null;
  base.comparisonUsers = full.comparisonUsers;
  // Beyond the data's span nobody was followed: no figure.
  base.incidence = days.map((d, i) => ({
    days: d,
    doers: d * DAY <= span ? (full.doers[i + 1] ?? null) : null,
    comparison: d * DAY <= span ? (full.comparison[i + 1] ?? null) : null,
  }));
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
  ctx.beta = full.beta;
  ctx.betaMu = propensity(design, full.beta);
  ctx.information = informationFactor(design, full.total, ctx.betaMu);
  return { ctx, base, rr: fT / fC };
}

/** How many users the rows name (rows sorted by user, as trialRows gives them). */
function distinctUsers(user: Int32Array): number {
  let n = 0;
  for (let i = 0; i < user.length; i++) if (i === 0 || user[i] !== user[i - 1]) n++;
  return n;
}

function finish({ base, rr }: Pending, logs: number[]): AdjustedEffect {
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

function sd(xs: number[]): number {
  if (xs.length < 2) return Number.POSITIVE_INFINITY;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
}
