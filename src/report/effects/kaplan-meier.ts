// Weighted Kaplan–Meier (Xie & Liu 2005, Stat Med 24:3089): cumulative incidence of the macro goal
// with each row counted by its weight, censored at the end of the data. Rows are sorted once by
// time (events before censorings at equal times, time-order.ts); each evaluation is then one pass.
import { CENSORED_TIE, LONE_CENSORED, SINGLE_ROWS, type TimeRuns } from "./time-runs.js";

// Read once here: the pass compares every segment's kind with them.
const LONE = LONE_CENSORED;
const SINGLES = SINGLE_ROWS;
const TIE = CENSORED_TIE;

/**
 * 1 − S(t) at each of `at` (any order), from rows in `order` with weights `weight` (0 = left out).
 * null where nothing was at risk.
 */
export function cumulativeIncidence(
  order: Int32Array,
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  at: readonly number[],
): (number | null)[] {
  const sorted = at.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
  const values = incidenceAtSorted(
    order,
    time,
    event,
    weight,
    sorted.map((s) => s.t),
  );
  const out: (number | null)[] = new Array(at.length);
  sorted.forEach((s, k) => {
    out[s.i] = values[k] ?? null;
  });
  return out;
}

function incidenceAtSorted(
  order: Int32Array,
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  at: readonly number[],
): (number | null)[] {
  let atRisk = 0;
  for (let i = 0; i < order.length; i++) atRisk += weight[order[i] as number] as number;
  if (atRisk <= 0) return at.map(() => null);
  const out: (number | null)[] = [];
  let surv = 1;
  let q = 0;
  let i = 0;
  while (i < order.length) {
    const t = time[order[i] as number] as number;
    while (q < at.length && (at[q] as number) < t) out[q++] = 1 - surv;
    let d = 0;
    let left = 0;
    while (i < order.length && time[order[i] as number] === t) {
      const r = order[i] as number;
      const w = weight[r] as number;
      if (event[r]) d += w;
      left += w;
      i++;
    }
    if (atRisk > 0 && d > 0) surv *= 1 - d / atRisk;
    atRisk -= left;
  }
  while (q < at.length) out[q++] = 1 - surv;
  return out;
}

/**
 * Rows already in time order (events before censorings at ties, as timeOrder sorts them), each
 * weighing count[i] × factor[pattern[i]]: one row's weight is computed where it is used, so a
 * bootstrap replicate never writes a weight array. Factors are finite, so a count of 0 weighs
 * exactly 0 and adds nothing (no branch on it: a third of a replicate's counts are 0). `runs`: the
 * rows' times cut into segments (time-runs.ts), made once for every pass.
 */
export interface CountedRows {
  count: number;
  time: Float64Array;
  event: Uint8Array;
  pattern: Int32Array;
  runs: TimeRuns;
}

/**
 * The same estimate over counted rows in time order; `at` ascending. Sums run in the same order as
 * over `timeOrder`'s index, so the result equals cumulativeIncidence over the same rows and
 * weights bit for bit. `totalWeight`, when the caller has it (the bootstrap sums counts per
 * pattern anyway), saves the pass that adds up every row's weight.
 */
export function incidenceOfCountedRows(
  rows: CountedRows,
  rowCounts: Uint8Array,
  factor: Float64Array,
  at: readonly number[],
  totalWeight?: number,
): (number | null)[] {
  const atRisk = totalWeight ?? countedWeight(rows, rowCounts, factor);
  if (atRisk <= 0) return at.map(() => null);
  const out = new Float64Array(at.length);
  const { runs } = rows;
  countedIncidence(
    runs.count,
    runs.end,
    runs.kind,
    runs.time,
    rows.time,
    rows.event,
    rows.pattern,
    rowCounts,
    factor,
    atRisk,
    at,
    out,
  );
  return Array.from(out);
}

/** Every row's weight added up. */
function countedWeight(rows: CountedRows, rowCounts: Uint8Array, factor: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < rows.count; i++)
    sum += (rowCounts[i] as number) * (factor[rows.pattern[i] as number] as number);
  return sum;
}

/**
 * The pass itself, numbers only (typed arrays in, 1 − S(t) into `out`): a replicate calls it a
 * hundred times per pair, and a function with rarely taken branches around its loop kept losing
 * its optimized code (V8 dropped back to the interpreter, boxing every sum) on each call. Per
 * segment (time-runs.ts) it does what a pass over every time does there, with the same arithmetic:
 * a lone censored row's weight leaves the risk set; in a stretch of single rows with events among
 * them, each row's weight leaves too, an event's row stepping the survival first (by 1 − w/n, at
 * least 0: a censored row's step, 1 − 0/n, is exactly 1); tied censored rows leave as one sum; at a
 * tied event time the survival steps once. Where no event is the step is exactly 1, and the
 * incidence reported at an evaluation time is the same at the next event time as at any time
 * before it.
 */
function countedIncidence(
  segments: number,
  segmentEnd: Int32Array,
  kind: Uint8Array,
  segmentTime: Float64Array,
  time: Float64Array,
  event: Uint8Array,
  pattern: Int32Array,
  rowCounts: Uint8Array,
  factor: Float64Array,
  weight: number,
  at: readonly number[],
  out: Float64Array,
): void {
  let atRisk = weight;
  let surv = 1;
  let q = 0;
  let i = 0;
  for (let k = 0; k < segments; k++) {
    // Every evaluation time is behind: the rows after this cannot change what was read (a
    // bootstrap replicate reads the horizon only, often well before the data's end).
    if (q === at.length) return;
    const end = segmentEnd[k] as number;
    const what = kind[k] as number;
    if (what === LONE) {
      for (; i < end; i++) atRisk -= (rowCounts[i] as number) * (factor[pattern[i] as number] as number);
      continue;
    }
    if (what === SINGLES) {
      if ((at[q] as number) >= (segmentTime[k] as number)) {
        // No evaluation time inside the stretch: no time compared. A row's event flag (0 or 1)
        // makes its step 1 − w/n or exactly 1, so events and censorings take one path.
        for (; i < end; i++) {
          const w = (rowCounts[i] as number) * (factor[pattern[i] as number] as number);
          if (atRisk > 0) surv *= Math.max(0, 1 - ((event[i] as number) * w) / atRisk);
          atRisk -= w;
        }
        continue;
      }
      for (; i < end; i++) {
        const w = (rowCounts[i] as number) * (factor[pattern[i] as number] as number);
        if (event[i] === 1) {
          const t = time[i] as number;
          while (q < at.length && (at[q] as number) < t) out[q++] = 1 - surv;
          if (q === at.length) return;
          if (atRisk > 0) surv *= Math.max(0, 1 - w / atRisk);
        }
        atRisk -= w;
      }
      continue;
    }
    let left = 0;
    if (what === TIE) {
      for (; i < end; i++) left += (rowCounts[i] as number) * (factor[pattern[i] as number] as number);
    } else {
      const t = segmentTime[k] as number;
      while (q < at.length && (at[q] as number) < t) out[q++] = 1 - surv;
      if (q === at.length) return;
      let d = 0;
      for (; i < end; i++) {
        const w = (rowCounts[i] as number) * (factor[pattern[i] as number] as number);
        // An event adds its weight, a censoring 0: d is the events' sum, bit for bit.
        d += (event[i] as number) * w;
        left += w;
      }
      // A total summed per pattern can end a rounding error below the last events' weight.
      if (atRisk > 0) surv *= d < atRisk ? 1 - d / atRisk : 0;
    }
    atRisk -= left;
  }
  while (q < at.length) out[q++] = 1 - surv;
}
