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
}

/**
 * Hits as the engine returns them, in any order, as pairs of 32-bit words (low first): the user as
 * a 64-bit key, and time and goal packed in one integer, (t − origin) × goals + g (so it orders by
 * time, then goal, and is below 2^53: exact in a double).
 */
export interface PackedHits {
  keys: Uint32Array;
  values: Uint32Array;
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
 * caller makes sure a key names one user. `p`'s arrays are reused (fresh memory costs page faults
 * here as much as the work): p is consumed.
 */
export function groupByUser(p: PackedHits): UserHits {
  const n = p.keys.length / 2;
  const { keys: k, values: v } = p;
  const parts = new Int32Array(PARTITIONS + 1);
  for (let i = 0; i < n; i++) parts[(k[2 * i + 1]! >>> 24) + 1]!++;
  for (let b = 0; b < PARTITIONS; b++) parts[b + 1]! += parts[b]!;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const value = new Float64Array(n);
  const next = parts.slice(0, PARTITIONS);
  for (let i = 0; i < n; i++) {
    const h = k[2 * i + 1]!;
    const to = next[h >>> 24]!++;
    hi[to] = h;
    lo[to] = k[2 * i]!;
    value[to] = v[2 * i + 1]! * 2 ** 32 + v[2 * i]!;
  }
  const starts = new Int32Array(n + 1);
  let users = 0;
  const packed = v.byteOffset % 8 === 0 ? new Float64Array(v.buffer, v.byteOffset, n) : new Float64Array(n);
  const keys = new UserKeys();
  let local = new Int32Array(0);
  for (let b = 0; b < PARTITIONS; b++) {
    const from = parts[b]!;
    const to = parts[b + 1]!;
    keys.clear();
    if (local.length < to - from) local = new Int32Array(to - from);
    for (let i = from; i < to; i++) local[i - from] = keys.idOf(hi[i]!, lo[i]!);
    // counting sort of the partition by local user number
    const count = new Int32Array(keys.size + 1);
    for (let i = 0; i < to - from; i++) count[local[i]! + 1]!++;
    for (let u = 0; u < keys.size; u++) {
      count[u + 1]! += count[u]!;
      starts[users + u] = from + count[u]!;
    }
    for (let i = from; i < to; i++) packed[from + count[local[i - from]!]!++] = value[i]!;
    users += keys.size;
  }
  starts[users] = n;
  const start = starts.slice(0, users + 1);
  for (let u = 0; u < users; u++) sortRange(packed, start[u]!, start[u + 1]!);
  const t = value;
  const g = new Int32Array(hi.buffer, hi.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    const q = Math.floor(v / p.goals);
    g[i] = v - q * p.goals;
    t[i] = q + p.origin;
  }
  return { start, t, g };
}

const PARTITIONS = 256;

/** Numbers for 64-bit keys (as halves) in order of first sight: linear probing, reused. */
class UserKeys {
  size = 0;
  // slot s: [hi, lo, number + 1] at 3s (0: empty)
  private slots = new Uint32Array(3 << 12);

  clear(): void {
    if (this.size > 0) this.slots.fill(0);
    this.size = 0;
  }

  idOf(hi: number, lo: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    // the keys are hashes already: their low bits spread well
    for (let s = lo & mask; ; s = (s + 1) & mask) {
      const id = slots[3 * s + 2]!;
      if (id === 0) {
        slots[3 * s] = hi;
        slots[3 * s + 1] = lo;
        slots[3 * s + 2] = ++this.size;
        if (this.size * 2 > mask) this.grow();
        return this.size - 1;
      }
      if (slots[3 * s + 1] === lo && slots[3 * s] === hi) return id - 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length / 3 - 1;
    for (let s = 0; s < old.length; s += 3) {
      if (old[s + 2] === 0) continue;
      let d = old[s + 1]! & mask;
      while (this.slots[3 * d + 2] !== 0) d = (d + 1) & mask;
      this.slots.set(old.subarray(s, s + 3), 3 * d);
    }
  }
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
