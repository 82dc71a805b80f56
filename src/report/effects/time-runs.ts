// Rows in Kaplan–Meier time order cut into segments a pass can take whole: a stretch of times held
// by one row each, event or censored (each row's weight leaves the risk set alone, and an event's
// row steps the survival first), one censored time shared by several rows (their weights leave the
// risk set together), or one time shared by several rows with an event among them (the survival
// steps once there). A replicate's pass then compares no times where no evaluation time falls, with
// the same additions in the same order as a pass over every time.
import { sharedFloat64, sharedInt32, sharedUint8 } from "./shared-memory.js";

export const SINGLE_ROWS = 0;
export const CENSORED_TIE = 1;
export const EVENT_TIME = 2;

export interface TimeRuns {
  count: number;
  /** the index after each segment's last row */
  end: Int32Array;
  kind: Uint8Array;
  /**
   * the segment's time: where kind is EVENT_TIME, where the incidence steps; where SINGLE_ROWS, the
   * time of its last row (an evaluation time before it falls inside the stretch)
   */
  time: Float64Array;
}

/** The segments of `count` rows in time order, on shared memory (a worker thread reads the same arrays). */
export function timeRuns(time: Float64Array, event: Uint8Array, count: number): TimeRuns {
  // At most one segment per row: written here, then copied at their number.
  const end = new Int32Array(count);
  const kind = new Uint8Array(count);
  const at = new Float64Array(count);
  let n = 0;
  for (let i = 0; i < count; ) {
    const t = time[i] as number;
    const first = i;
    let events = 0;
    while (i < count && time[i] === t) events |= event[i++] as number;
    const k = i - first === 1 ? SINGLE_ROWS : events ? EVENT_TIME : CENSORED_TIE;
    if (k === SINGLE_ROWS && n > 0 && kind[n - 1] === SINGLE_ROWS) n--;
    else kind[n] = k;
    end[n] = i;
    at[n] = t;
    n++;
  }
  const out: TimeRuns = { count: n, end: sharedInt32(n), kind: sharedUint8(n), time: sharedFloat64(n) };
  out.end.set(end.subarray(0, n));
  out.kind.set(kind.subarray(0, n));
  out.time.set(at.subarray(0, n));
  return out;
}
