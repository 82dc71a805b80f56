// The user-level input of the adjusted estimator, as plain columns: one row per session of every
// user (sorted by user, then start), the user's history at that session's start already coarsened
// into codes, and when each user first did each goal. The export sources extract it with SQL
// (exposure-query.ts); tests and the traffic generator build it directly.
import { sharedInt32 } from "./shared-memory.js";

/** A pre-exposure covariate, coarsened: a code per session row, 0 ≤ code < levels.length. */
export interface Covariate {
  name: string;
  codes: Int32Array;
  /** what each code means, e.g. "0", "1–2", "desktop", "(other)" */
  levels: string[];
}

export interface Journeys {
  /** number of distinct users (dense indexes 0..users−1) */
  users: number;
  /** per session row: the user, ascending; one user's rows are contiguous and in time order */
  user: Int32Array;
  /** per session row: start, seconds since the epoch */
  start: Float64Array;
  /** history at the session's start (nothing from the session itself but its landing page) */
  covariates: Covariate[];
  /** goal id → first time the user did it (seconds; NaN = never) */
  firstTime: Map<string, Float64Array>;
  /** the data's first and last moment (seconds): follow-up is censored at dataEnd */
  dataStart: number;
  dataEnd: number;
}

/** Distinct covariate patterns: the propensity model's unit of work. */
export interface Patterns {
  /** session row → pattern */
  of: Int32Array;
  /** pattern → code of each covariate */
  codes: Int32Array[];
  count: number;
}

export function covariatePatterns(j: Journeys): Patterns {
  const rows = j.start.length;
  // On shared memory: the estimator's worker reads it too (bootstrap-threads.ts).
  const of = sharedInt32(rows);
  const ids = new Map<number, number>();
  const codes: Int32Array[] = [];
  const radix = j.covariates.map((c) => Math.max(1, c.levels.length));
  for (let r = 0; r < rows; r++) {
    let key = 0;
    for (let c = 0; c < j.covariates.length; c++)
      key = key * (radix[c] as number) + ((j.covariates[c] as Covariate).codes[r] as number);
    let id = ids.get(key);
    if (id === undefined) {
      id = codes.length;
      ids.set(key, id);
      codes.push(Int32Array.from(j.covariates, (c) => c.codes[r] as number));
    }
    of[r] = id;
  }
  return { of, codes, count: codes.length };
}
