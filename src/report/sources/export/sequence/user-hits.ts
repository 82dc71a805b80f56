// Goal hits grouped by user, each user's hits in time order: what the sequence sections (pairs,
// funnels, paths) read in one pass, instead of one SQL window pass or join per section.

/** Every goal hit, grouped by user; within a user ordered by time, then goal code. */
export interface UserHits {
  /** users + 1 offsets into t and g: user u's hits are [start[u], start[u + 1]) */
  start: Int32Array;
  /** µs since the epoch */
  t: Float64Array;
  /** the goal's code (analysis-query.ts goalCode) */
  g: Int32Array;
  /** user u's 64-bit key as two 32-bit words, high first: keys[2u], keys[2u + 1] */
  keys: Uint32Array;
}

/**
 * One chunk of the engine's answer, a row per user: the user's 64-bit key, and its hits as a list of
 * packed integers in any order, (t − origin) × goals + g (so they order by time, then goal, and stay
 * below 2^53: exact in a double). All in 32-bit words, low word first.
 */
export interface UserHitLists {
  /** two words per row: the key */
  keys: Uint32Array;
  /** four words per row: the row's list as offset, then length, into `values` (DuckDB's list entries) */
  entries: Uint32Array;
  /** two words per hit */
  values: Uint32Array;
}

export function userCount(h: UserHits): number {
  return h.start.length - 1;
}

/**
 * The engine's per-user hit lists as UserHits, each user's hits ordered by time and goal (the
 * engine grouped them: a hash aggregation on its threads, where the scatter and numbering here cost
 * 0.8 s at 5.5M hits). Undefined if a value is out of the packing's range (the query's −1, or past
 * 2^53): the caller falls back to the SQL analysis.
 */
export function hitsFromLists(
  chunks: UserHitLists[],
  packing: { origin: number; goals: number },
): UserHits | undefined {
  const users = chunks.reduce((sum, c) => sum + c.keys.length / 2, 0);
  const n = hitCount(chunks);
  const start = new Int32Array(users + 1);
  const keys = new Uint32Array(2 * users);
  const packed = new Float64Array(n);
  let u = 0;
  let at = 0;
  for (const { keys: k, entries, values } of chunks) {
    for (let r = 0; 2 * r < k.length; r++, u++) {
      keys[2 * u] = k[2 * r + 1]!;
      keys[2 * u + 1] = k[2 * r]!;
      start[u] = at;
      const from = entries[4 * r]!;
      const to = from + entries[4 * r + 2]!;
      for (let i = from; i < to; i++) {
        const high = values[2 * i + 1]!;
        // −1 (out of range) or past 2^53: a high word of 2^21 or more
        if (high >= 2 ** 21) return undefined;
        packed[at++] = high * 2 ** 32 + values[2 * i]!;
      }
      sortRange(packed, start[u]!, at);
    }
  }
  start[users] = n;
  // the packed values' memory takes the times
  const t = packed;
  const g = new Int32Array(n);
  const { goals, origin } = packing;
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    const q = Math.floor(v / goals);
    g[i] = v - q * goals;
    t[i] = q + origin;
  }
  return { start, t, g, keys };
}

/** How many hits the lists hold. */
export function hitCount(chunks: UserHitLists[]): number {
  let n = 0;
  for (const c of chunks) for (let r = 2; r < c.entries.length; r += 4) n += c.entries[r]!;
  return n;
}

/** Sorts [from, to): insertion sort for a user's usual handful of hits. */
function sortRange(v: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    v.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = v[i]!;
    let j = i - 1;
    while (j >= from && v[j]! > x) {
      v[j + 1] = v[j]!;
      j--;
    }
    v[j + 1] = x;
  }
}
