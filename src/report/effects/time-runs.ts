// Rows in Kaplan–Meier time order cut into segments a pass can take whole: a stretch of censored
// times held by one row each (each row's weight leaves the risk set alone), one censored time shared
// by several rows (their weights leave the risk set together), one time shared by several rows with
// an event among them (the survival steps once there), or a stretch of times held by one row each
// where events are among them (each row's weight leaves alone, an event's row stepping the survival
// first). A replicate's pass then compares no times where no evaluation time falls, with the same
// additions in the same order as a pass over every time.
import { sharedFloat64, sharedInt32, sharedUint8 } from "./shared-memory.js";

export const LONE_CENSORED = 0;
export const CENSORED_TIE = 1;
export const EVENT_TIME = 2;
export const SINGLE_ROWS = 3;

/**
 * The longest stretch of lone censored rows a stretch of single rows takes in: a single row costs
 * more there (a division, even where it is exactly 0) than in a stretch of censored rows alone, and
 * every segment costs a branch the processor cannot guess. Exports where conversions are rare (the
 * 7 real days: long stretches of censored rows) keep theirs apart, exports where they are frequent
 * (10M generated events: three rows in four are events) take one loop.
 */
const MAX_CENSORED_RUN = 8;

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
  // In an open stretch of single rows: the censored rows at its end.
  let trail = 0;
  const push = (k: number, i: number, t: number) => {
    kind[n] = k;
    end[n] = i;
    at[n] = t;
    n++;
  };
  const extend = (i: number, t: number) => {
    end[n - 1] = i;
    at[n - 1] = t;
  };
  for (let i = 0; i < count; ) {
    const t = time[i] as number;
    const first = i;
    let events = 0;
    while (i < count && time[i] === t) events |= event[i++] as number;
    const open = n > 0 ? (kind[n - 1] as number) : -1;
    if (i - first > 1) push(events ? EVENT_TIME : CENSORED_TIE, i, t);
    else if (events) {
      const openRows = n > 0 ? (end[n - 1] as number) - (n > 1 ? (end[n - 2] as number) : 0) : 0;
      if (open === LONE_CENSORED && openRows <= MAX_CENSORED_RUN) kind[n - 1] = SINGLE_ROWS;
      if (kind[n - 1] === SINGLE_ROWS && n > 0) extend(i, t);
      else push(SINGLE_ROWS, i, t);
      trail = 0;
    } else if (open === LONE_CENSORED) extend(i, t);
    else if (open === SINGLE_ROWS && trail < MAX_CENSORED_RUN) {
      extend(i, t);
      trail++;
    } else if (open === SINGLE_ROWS) {
      // The stretch's censored rows at its end become a stretch of their own, with this one.
      const split = i - 1 - trail;
      extend(split, time[split - 1] as number);
      push(LONE_CENSORED, i, t);
    } else push(LONE_CENSORED, i, t);
  }
  const out: TimeRuns = { count: n, end: sharedInt32(n), kind: sharedUint8(n), time: sharedFloat64(n) };
  out.end.set(end.subarray(0, n));
  out.kind.set(kind.subarray(0, n));
  out.time.set(at.subarray(0, n));
  return out;
}
