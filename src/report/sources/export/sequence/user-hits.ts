// Goal hits grouped by user, each user's hits in time order: what the sequence sections (pairs,
// funnels, paths) read in one pass, instead of one SQL window pass or join per section.
import { KeyNumbers } from "../user-keys.js";

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
 * Hits as the engine returns them, in any order, in chunks of pairs of 32-bit words (low first):
 * the user as a 64-bit key, and time and goal packed in one integer, (t − origin) × goals + g (so
 * it orders by time, then goal, and is below 2^53: exact in a double).
 */
export interface PackedHits {
  keys: Uint32Array[];
  values: Uint32Array[];
  /** hits per partition (partitionOf the key's high word), when the reader counted them */
  partitions?: Int32Array;
  origin: number;
  goals: number;
}

export function userCount(h: UserHits): number {
  return h.start.length - 1;
}

/**
 * Groups hits by user key and orders each user's hits by time and goal. The keys are hashes: the
 * top byte splits the hits into 256 partitions (one sequential scatter), and within a partition a
 * small open-addressing table, which stays in cache, numbers its users for a counting sort. The
 * caller makes sure a key names one user.
 */
export function groupByUser(p: PackedHits): UserHits {
  const n = p.keys.reduce((sum, k) => sum + k.length / 2, 0);
  const parts = new Int32Array(PARTITIONS + 1);
  if (p.partitions) parts.set(p.partitions, 1);
  else for (const k of p.keys) for (let i = 1; i < k.length; i += 2) parts[partitionOf(k[i]!) + 1]!++;
  for (let b = 0; b < PARTITIONS; b++) parts[b + 1]! += parts[b]!;
  // Each hit as one 16-byte record [key high, key low, value low, value high] in its partition:
  // one write stream per partition instead of one per field.
  const rec = new Uint32Array(4 * n);
  const next = parts.slice(0, PARTITIONS);
  p.keys.forEach((k, c) => {
    const v = p.values[c]!;
    for (let i = 0; i < k.length; i += 2) {
      const h = k[i + 1]!;
      const to = 4 * next[partitionOf(h)]!++;
      rec[to] = h;
      rec[to + 1] = k[i]!;
      rec[to + 2] = v[i]!;
      rec[to + 3] = v[i + 1]!;
    }
  });
  const starts = new Int32Array(n + 1);
  // sized as users turn up (a few per hit or far fewer), not by the hits: the peak is the hits'
  let userKeys = new Uint32Array(2 * Math.min(n, 1 << 16));
  let users = 0;
  // Each hit's packed value lives in the records' own memory, over records already read: partition
  // b's values end at byte 8·to, where partition b + 1's records start at 16·to, and b's own
  // records are copied out first. Fresh memory costs a page fault per 4 KB on first touch (44 MB
  // at 5.5M hits), and these bytes are touched already.
  const packed = new Float64Array(rec.buffer, 0, n);
  const keys = new KeyNumbers();
  let local = new Int32Array(0);
  let part = new Uint32Array(0);
  for (let b = 0; b < PARTITIONS; b++) {
    const from = parts[b]!;
    const to = parts[b + 1]!;
    const size = to - from;
    if (part.length < 4 * size) part = new Uint32Array(4 * size);
    part.set(rec.subarray(4 * from, 4 * to));
    keys.clear();
    if (local.length < size) local = new Int32Array(size);
    for (let i = 0; i < size; i++) local[i] = keys.idOf(part[4 * i]!, part[4 * i + 1]!);
    // counting sort of the partition by local user number
    const count = new Int32Array(keys.size + 1);
    for (let i = 0; i < size; i++) count[local[i]! + 1]!++;
    for (let u = 0; u < keys.size; u++) {
      count[u + 1]! += count[u]!;
      starts[users + u] = from + count[u]!;
    }
    for (let i = 0; i < size; i++)
      packed[from + count[local[i]!]!++] = part[4 * i + 3]! * 2 ** 32 + part[4 * i + 2]!;
    if (userKeys.length < 2 * (users + keys.size)) {
      const grown = new Uint32Array(Math.max(2 * userKeys.length, 2 * (users + keys.size)));
      grown.set(userKeys.subarray(0, 2 * users));
      userKeys = grown;
    }
    keys.writeKeys(userKeys, 2 * users);
    users += keys.size;
  }
  starts[users] = n;
  const start = starts.slice(0, users + 1);
  for (let u = 0; u < users; u++) sortRange(packed, start[u]!, start[u + 1]!);
  // the records are spent: their memory takes the times (in place of the packed values) and goals
  const t = packed;
  const g = new Int32Array(rec.buffer, 8 * n, n);
  const { goals, origin } = p;
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    const q = Math.floor(v / goals);
    g[i] = v - q * goals;
    t[i] = q + origin;
  }
  return { start, t, g, keys: userKeys.slice(0, 2 * users) };
}

export const PARTITIONS = 256;

/** A hit's partition: the top byte of its key's high word. */
export function partitionOf(keyHigh: number): number {
  return keyHigh >>> 24;
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
