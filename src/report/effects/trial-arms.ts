// The trial rows of one arm (doers or comparison) laid out for the bootstrap's repeated passes: in
// Kaplan–Meier time order (events before censorings at ties, as timeOrder sorts them), with each
// row's user and covariate pattern beside its time and event, so a replicate reads every array
// front to back instead of jumping through an index.
import type { CountedRows } from "./kaplan-meier.js";
import type { PairBuffers } from "./pair-buffers.js";
import { sharedFloat64, sharedInt32, sharedUint8 } from "./shared-memory.js";
import { timeOrder } from "./time-order.js";
import { timeRuns } from "./time-runs.js";
import type { TrialRows } from "./trials.js";

export interface TrialArm extends CountedRows {
  user: Int32Array;
}

/** The rows of `rows` with treated = `treated`, in time order. */
export function trialArm(rows: TrialRows, rowPattern: Int32Array, treated: 0 | 1): TrialArm {
  let count = 0;
  for (let r = 0; r < rows.count; r++) if (rows.treated[r] === treated) count++;
  const picked = new Int32Array(count);
  for (let r = 0, k = 0; r < rows.count; r++) if (rows.treated[r] === treated) picked[k++] = r;
  return armOf(rows, rowPattern, timeOrder(picked, rows.time, rows.event));
}

/** The rows `order` names, in that order, on shared memory (a worker thread running replicates reads the same arrays, not a copy). */
function armOf(rows: TrialRows, rowPattern: Int32Array, order: Int32Array): TrialArm {
  const count = order.length;
  const user = sharedInt32(count);
  const pattern = sharedInt32(count);
  const time = sharedFloat64(count);
  const event = sharedUint8(count);
  for (let i = 0; i < count; i++) {
    const r = order[i] as number;
    user[i] = rows.user[r] as number;
    pattern[i] = rowPattern[r] as number;
    time[i] = rows.time[r] as number;
    event[i] = rows.event[r] as number;
  }
  return { count, user, pattern, time, event, runs: timeRuns(time, event, count) };
}

/**
 * Adds each row's user count to its pattern's entry of `into`, and keeps the row's count in
 * `rowCounts` for the replicate's Kaplan–Meier. Counts are whole numbers: their sums are exact in any order.
 */
export function countByPattern(
  arm: TrialArm,
  userCounts: Uint8Array,
  into: Float64Array,
  rowCounts: Uint8Array,
): void {
  const { count, user, pattern } = arm;
  for (let i = 0; i < count; i++) {
    const m = userCounts[user[i] as number] as number;
    rowCounts[i] = m;
    const p = pattern[i] as number;
    into[p] = (into[p] as number) + m;
  }
}

/**
 * The comparison arm (treated = 0) laid out like trialArm's, from `sessionOrder`: every session in
 * Kaplan–Meier time order as a comparison row (trials.ts comparisonOrder). The rows are the
 * sessions' own, so picking them from that order is the stable sort of the picked rows.
 */
export function comparisonArm(
  rows: TrialRows,
  rowPattern: Int32Array,
  sessionOrder: Int32Array,
  buffers?: PairBuffers,
): TrialArm {
  let count = 0;
  for (let r = 0; r < rows.count; r++) if (rows.treated[r] === 0) count++;
  const { rowOf, order } = buffers?.picking(sessionOrder.length, count) ?? {
    rowOf: new Int32Array(sessionOrder.length),
    order: new Int32Array(count),
  };
  rowOf.fill(-1);
  for (let r = 0; r < rows.count; r++) if (rows.treated[r] === 0) rowOf[rows.session[r] as number] = r;
  for (let o = 0, i = 0; o < sessionOrder.length; o++) {
    const r = rowOf[sessionOrder[o] as number] as number;
    if (r >= 0) order[i++] = r;
  }
  return armOf(rows, rowPattern, order);
}
