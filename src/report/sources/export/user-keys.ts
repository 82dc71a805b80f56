// Users of the exposure queries by key: each row names its user by a 64-bit key in two halves (high,
// low; exact in doubles), hash(user) on DuckDB or (0, dense rank) on BigQuery. The engine returns
// rows in any order (no sort of a million sessions there); here they are ordered by key with a
// radix sort, users numbered in key order, and keys looked up by a small hash table.

/** Row indexes ordered by key (high, then low), rows of one key in their input order. */
export function orderByKey(high: Float64Array, low: Float64Array): Int32Array {
  const n = high.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(1 << 16);
  // least significant 16 bits first; each pass stable
  const digits: [Float64Array, number][] = [
    [low, 0],
    [low, 16],
    [high, 0],
    [high, 16],
  ];
  for (const [words, shift] of digits) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(words[i]! >>> shift) & 0xffff]!++;
    // every row with the same digit: the pass would leave the order as it is
    if (n === 0 || count[(words[0]! >>> shift) & 0xffff] === n) continue;
    let at = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d]!;
      count[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const r = order[i]!;
      next[count[(words[r]! >>> shift) & 0xffff]!++] = r;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** User index by 64-bit key (two 32-bit halves): open addressing, linear probing. */
export class UserIndex {
  // slot s: [high, low, index + 1] at 3s (0: empty)
  private readonly slots: Uint32Array;
  private readonly mask: number;

  /** `keys`: two numbers per user index (high, low); NaN: a user without a key. */
  constructor(keys: Float64Array) {
    const users = keys.length / 2;
    let size = 16;
    while (size < 2 * users) size *= 2;
    this.slots = new Uint32Array(3 * size);
    this.mask = size - 1;
    for (let u = 0; u < users; u++) {
      const hi = keys[2 * u]!;
      const lo = keys[2 * u + 1]!;
      if (Number.isNaN(hi) || Number.isNaN(lo)) continue;
      let s = lo & this.mask;
      while (this.slots[3 * s + 2] !== 0) s = (s + 1) & this.mask;
      this.slots[3 * s] = hi;
      this.slots[3 * s + 1] = lo;
      this.slots[3 * s + 2] = u + 1;
    }
  }

  /** The user with this key, or −1. */
  of(hi: number, lo: number): number {
    for (let s = lo & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[3 * s + 2]!;
      if (id === 0) return -1;
      if (this.slots[3 * s + 1] === lo >>> 0 && this.slots[3 * s] === hi >>> 0) return id - 1;
    }
  }
}
