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
import { cumulativeIncidence, timeOrder } from "./kaplan-meier.js";
import { fitPropensity, type PropensityDesign, propensity } from "./propensity.js";
import { seededRandom } from "./random.js";
import { type TrialRows, trialRows } from "./trials.js";

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
  /** propensities above this are outside the overlap (default 0.95) */
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

export function estimateAdjustedEffect(
  j: Journeys,
  patterns: Patterns,
  design: PropensityDesign,
  microId: string,
  macroId: string,
  options: EffectOptions,
): AdjustedEffect {
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
  const at = [horizon, ...days.map((d) => d * DAY)];
  const all = Int32Array.from({ length: rows.count }, (_, i) => i);
  const doerRows = all.filter((r) => rows.treated[r] === 1);
  const otherRows = all.filter((r) => rows.treated[r] === 0);
  const orderDoers = timeOrder(doerRows, rows.time, rows.event);
  const orderOthers = timeOrder(otherRows, rows.time, rows.event);
  const rowPattern = Int32Array.from(rows.session, (k) => patterns.of[k] as number);
  const ctx = {
    j,
    rows,
    rowPattern,
    patterns,
    design,
    orderDoers,
    orderOthers,
    at,
    trim: options.trim ?? 0.95,
  };

  const full = once(ctx, null, undefined);
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
  const rr = fT / fC;

  const replicates = options.replicates ?? 100;
  const rand = seededRandom(options.seed ?? 12345);
  const mult = new Float64Array(j.users);
  const logs: number[] = [];
  for (let b = 0; b < replicates; b++) {
    mult.fill(0);
    for (let i = 0; i < j.users; i++) {
      const u = Math.floor(rand() * j.users);
      mult[u] = (mult[u] as number) + 1;
    }
    const rep = once(ctx, mult, full.beta);
    const t = rep.doers[0];
    const c = rep.comparison[0];
    if (t !== null && t !== undefined && c !== null && c !== undefined && t > 0 && c > 0)
      logs.push(Math.log(t / c));
  }
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
  j: Journeys;
  rows: TrialRows;
  /** trial row → covariate pattern */
  rowPattern: Int32Array;
  patterns: Patterns;
  design: PropensityDesign;
  orderDoers: Int32Array;
  orderOthers: Int32Array;
  at: number[];
  trim: number;
}

/** One estimate with users counted `mult` times (null: once each), propensity warm-started. */
function once(ctx: Context, mult: Float64Array | null, start: Float64Array | undefined): Once {
  // Replicates start from the full-sample fit and take one Newton step: the one-step estimator,
  // asymptotically the same as refitting to convergence, at a fraction of the cost.
  const { rows, rowPattern, patterns, design } = ctx;
  const n = rows.count;
  const doers = new Float64Array(patterns.count);
  const total = new Float64Array(patterns.count);
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const m = mult ? (mult[rows.user[r] as number] as number) : 1;
    w[r] = m;
    if (m === 0) continue;
    const p = rowPattern[r] as number;
    total[p] = (total[p] as number) + m;
    if (rows.treated[r]) doers[p] = (doers[p] as number) + m;
  }
  const beta = fitPropensity(design, doers, total, start, start ? 1 : 50);
  const e = propensity(design, beta);
  // Common support: comparison rows above the trimming bound carry unbounded weights; doers above
  // the largest comparison propensity have nobody like them. Patterns with comparison rows tell.
  let maxOther = 0;
  for (let p = 0; p < patterns.count; p++) {
    const pe = e[p] as number;
    if ((total[p] as number) > (doers[p] as number) && pe <= ctx.trim && pe > maxOther) maxOther = pe;
  }
  const bound = Math.min(ctx.trim, maxOther);
  let comparableDoers = 0;
  let doersTotal = 0;
  const seen = mult ? null : new Set<number>();
  for (let r = 0; r < n; r++) {
    const m = w[r] as number;
    if (m === 0) continue;
    const pe = e[rowPattern[r] as number] as number;
    if (rows.treated[r]) {
      doersTotal += m;
      if (pe <= bound) comparableDoers += m;
      else w[r] = 0;
    } else if (pe > ctx.trim) w[r] = 0;
    else {
      w[r] = m * (pe / (1 - pe));
      seen?.add(rows.user[r] as number);
    }
  }
  return {
    doers: cumulativeIncidence(ctx.orderDoers, rows.time, rows.event, w, ctx.at),
    comparison: cumulativeIncidence(ctx.orderOthers, rows.time, rows.event, w, ctx.at),
    comparableDoers,
    doersTotal,
    comparisonUsers: seen?.size ?? 0,
    beta,
  };
}

function sd(xs: number[]): number {
  if (xs.length < 2) return Number.POSITIVE_INFINITY;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
}
