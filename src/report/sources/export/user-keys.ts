// Users of the exposure queries by key: each row names its user by a 64-bit key in two halves (high,
// low; exact in doubles): (0, dense rank), or DuckDB's hash(user) where no two users share one.
// Rows that come in any order (BigQuery's) are ordered by key here with a radix sort; users are
// numbered in key order, and keys numbered and looked up by a hash table.

import { digitStarts } from "../../effects/digit-starts.js";

/** Row indexes ordered by key (high, then low), rows of one key in their input order. */
export function orderByKey(high: Float64Array, low: Float64Array): Int32Array {
  const n = high.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(1 << 16);
  // least significant 16 bits first; each pass stable
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : 16;
    countDigits(words, shift, count);
    // every row with the same digit: the pass would leave the order as it is
    if (n === 0 || count[(words[0]! >>> shift) & 0xffff] === n) continue;
    digitStarts(count);
    scatter(words, shift, count, order, next);
    [order, next] = [next, order];
  }
  return order;
}

// The passes are functions of their own: V8 optimizes a long loop's first run mid-loop, and that
// code gave up right after the loop, leaving the remaining passes to the interpreter.

function countDigits(words: Float64Array, shift: number, count: Int32Array): void {
  count.fill(0);
  for (let i = 0; i < words.length; i++) count[(words[i]! >>> shift) & 0xffff]!++;
}

function scatter(
  words: Float64Array,
  shift: number,
  count: Int32Array,
  order: Int32Array,
  next: Int32Array,
): void {
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    next[count[(words[r]! >>> shift) & 0xffff]!++] = r;
  }
}

/** Numbers for 64-bit keys (as halves) in order of first sight: linear probing, reused. */
class KeyNumbers {
  size = 0;
  // slot s: [hi, lo, number + 1] at 3s (0: empty)
  private slots: Uint32Array;

  /** `expected`: how many keys will come, so the table need not grow on the way (at most half full). */
  constructor(expected = 0) {
    let slots = 1 << 12;
    while (slots < 2 * expected + 2) slots *= 2;
    this.slots = new Uint32Array(3 * slots);
  }

  /** The key's number, numbering it if it is new. */
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

  /** The key's number, or −1 if it has none. */
  find(hi: number, lo: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let s = lo & mask; ; s = (s + 1) & mask) {
      const id = slots[3 * s + 2]!;
      if (id === 0) return -1;
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

/** User index by 64-bit key (two 32-bit halves). */
export class UserIndex {
  private readonly numbers: KeyNumbers;
  private readonly userOf: Int32Array;

  /** `keys`: two numbers per user index (high, low); NaN: a user without a key. */
  constructor(keys: Float64Array) {
    const users = keys.length / 2;
    this.numbers = new KeyNumbers(users);
    this.userOf = new Int32Array(users);
    for (let u = 0; u < users; u++) {
      const hi = keys[2 * u]!;
      const lo = keys[2 * u + 1]!;
      if (!Number.isNaN(hi) && !Number.isNaN(lo)) this.userOf[this.numbers.idOf(hi, lo)] = u;
    }
  }

  /** The user with this key, or −1. */
  of(hi: number, lo: number): number {
    const id = this.numbers.find(hi, lo);
    return id < 0 ? -1 : this.userOf[id]!;
  }
}
