// Sequential trials (Hernán et al. 2008; Gran et al. 2010): every session start is a moment at
// which a user who has not yet done the micro goal and not yet converted could do it now or not.
// A user who does it (first time) in that session before converting is a doer, followed from the
// moment of doing it; everyone else eligible at that session start is a comparison row for that
// moment, followed from the session start. A user is a comparison row at each of their eligible
// sessions until they do the micro goal or convert. Follow-up ends at the macro goal (event), at
// the horizon, or at the end of the data (censored).
import type { Journeys } from "./journeys.js";
import type { PairBuffers } from "./pair-buffers.js";
import { timeOrder } from "./time-order.js";

export interface TrialRows {
  count: number;
  /** the session row whose start (and history) defines the trial */
  session: Int32Array;
  user: Int32Array;
  treated: Uint8Array;
  /** follow-up, seconds from time zero to the macro goal or censoring */
  time: Float64Array;
  /** 1 = the macro goal happened at `time` */
  event: Uint8Array;
}

/** `buffers`: where the rows are written (valid until the buffers' next use); else fresh arrays. */
export function trialRows(
  j: Journeys,
  micro: Float64Array,
  macro: Float64Array,
  horizonSeconds: number,
  buffers?: PairBuffers,
): TrialRows {
  const n = j.start.length;
  const { session, user, treated, time, event } =
    buffers?.rows(n) ??
    ({
      session: new Int32Array(n),
      user: new Int32Array(n),
      treated: new Uint8Array(n),
      time: new Float64Array(n),
      event: new Uint8Array(n),
    } as const);
  let count = 0;
  let r = 0;
  while (r < n) {
    const u = j.user[r] as number;
    let end = r;
    while (end < n && j.user[end] === u) end++;
    const fm = micro[u] as number;
    const fM = macro[u] as number;
    for (let k = r; k < end; k++) {
      const s = j.start[k] as number;
      // Already did the micro goal or converted before this session: no longer at risk of either.
      if (fm < s || fM < s) break;
      const next = k + 1 < end ? (j.start[k + 1] as number) : Number.POSITIVE_INFINITY;
      // Doing it after converting in the same session cannot have led to that conversion.
      const isDoer = fm >= s && fm < next && !(fM <= fm);
      const t0 = isDoer ? fm : s;
      if (Math.min(j.dataEnd - t0, horizonSeconds) <= 0) break; // no follow-up left
      session[count] = k;
      user[count] = u;
      treated[count] = isDoer ? 1 : 0;
      followUp(t0, fM, j.dataEnd, horizonSeconds, time, event, count);
      count++;
      if (isDoer) break;
    }
    r = end;
  }
  return {
    count,
    session: session.subarray(0, count),
    user: user.subarray(0, count),
    treated: treated.subarray(0, count),
    time: time.subarray(0, count),
    event: event.subarray(0, count),
  };
}

/**
 * Every session's follow-up as a comparison row (from its start; the same values trialRows gives
 * the comparison rows it keeps), in Kaplan–Meier time order: the same for every micro goal of one
 * macro goal and horizon, so pairs that share them sort once (trial-arms.ts comparisonArm).
 */
export function comparisonOrder(j: Journeys, macro: Float64Array, horizonSeconds: number): Int32Array {
  const n = j.start.length;
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let k = 0; k < n; k++)
    followUp(
      j.start[k] as number,
      macro[j.user[k] as number] as number,
      j.dataEnd,
      horizonSeconds,
      time,
      event,
      k,
    );
  return timeOrder(
    Int32Array.from({ length: n }, (_, k) => k),
    time,
    event,
  );
}

/**
 * Follow-up from `t0` to the macro goal at `fM` (an event) or to the end of the data or the
 * horizon (censored), into time[i] and event[i].
 */
function followUp(
  t0: number,
  fM: number,
  dataEnd: number,
  horizonSeconds: number,
  time: Float64Array,
  event: Uint8Array,
  i: number,
): void {
  const censor = Math.min(dataEnd - t0, horizonSeconds);
  const toEvent = fM >= t0 ? fM - t0 : Number.POSITIVE_INFINITY;
  event[i] = toEvent <= censor ? 1 : 0;
  time[i] = toEvent <= censor ? toEvent : censor;
}
