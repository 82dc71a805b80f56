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
  /** user u's 64-bit key as two 32-bit words, low first (as the engine's vectors hold it): keys[2u], keys[2u + 1] */
  keys: Uint32Array;
}

/**
 * One chunk of the engine's answer, a row per user: the user's 64-bit key, and its hits as a list in
 * any order, each packed into one number, (t − origin) × goals + g (so they order by time, then goal,
 * and stay below 2^53: exact in a double); −1 where a time did not fit.
 */
export interface UserHitLists {
  /** two 32-bit words per row, low first: the key */
  keys: Uint32Array;
  /** four 32-bit words per row: the row's list as offset, then length (64 bits each, low word first), into `values` */
  entries: Uint32Array;
  values: Float64Array;
}

export function userCount(h: UserHits): number {
  return h.start.length - 1;
}

/**
 * The engine's per-user hit lists as UserHits, each user's hits ordered by time and goal (the
 * engine grouped them: a hash aggregation on its threads, where the scatter and numbering here cost
 * 0.8 s at 5.5M hits). Keys and values are copied a chunk at a time where the lists lie back to back,
 * as the engine writes them: a cold process walks values one by one slowly. Undefined if a value did
 * not fit the packing (the query's −1): the caller falls back to the SQL analysis.
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
    keys.set(k, 2 * u);
    const rows = entries.length / 4;
    const from = entries[0] ?? 0;
    let to = from;
    for (let r = 0; r < rows && to !== -1; r++) to = entries[4 * r] === to ? to + entries[4 * r + 2]! : -1;
    if (to !== -1) {
      // back to back: one copy for the chunk
      for (let r = 0; r < rows; r++) start[u + r] = at + entries[4 * r]! - from;
      packed.set(values.subarray(from, to), at);
      at += to - from;
    } else
      for (let r = 0; r < rows; r++) {
        start[u + r] = at;
        const end = entries[4 * r]! + entries[4 * r + 2]!;
        for (let i = entries[4 * r]!; i < end; i++) packed[at++] = values[i]!;
      }
    u += rows;
  }
  start[users] = n;
  for (let v = 0; v < users; v++)
    if (start[v + 1]! - start[v]! > 1) sortRange(packed, start[v]!, start[v + 1]!);
  // the packed values' memory takes the times
  const t = packed;
  const g = new Int32Array(n);
  const { goals, origin } = packing;
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    if (v < 0) return undefined;
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
