// The Kaplan–Meier row order: by time, events before censorings at equal times, rows otherwise in
// their given order. A stable least-significant-digit radix sort over the times' IEEE bits (in the
// order of the numbers they encode) in 16-bit digits, after one pass that puts events first: a
// fixed handful of linear passes where a comparison sort takes log2(n), and digits every key shares
// (the high bits of times in one range) are skipped.

import { digitStarts } from "./digit-starts.js";

const DIGIT = 1 << 16;

/** Row indexes of `rows` in Kaplan–Meier time order (see above). */
export function timeOrder(rows: Int32Array, time: Float64Array, event: Uint8Array): Int32Array {
  const n = rows.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  writeKeys(rows, time, lo, hi);
  // Each pass reads one set of arrays and writes the other; the sorted set ends in `from`.
  let from = { idx: Int32Array.from(rows), lo, hi };
  let to = { idx: new Int32Array(n), lo: new Uint32Array(n), hi: new Uint32Array(n) };
  // Events first, stably: the least significant key.
  eventsFirst(event, from, to);
  [from, to] = [to, from];
  const count = new Int32Array(DIGIT);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? from.lo : from.hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    if (radixPass(keys, shift, count, from, to)) [from, to] = [to, from];
  }
  return from.idx;
}

// Each loop is a function of its own: V8 optimizes a long loop's first run mid-loop, before the code
// after it has run, and that code then gave up past the loop on later calls (once per pair and arm
// in a report), leaving the remaining passes to the interpreter.

interface Rows {
  idx: Int32Array;
  lo: Uint32Array;
  hi: Uint32Array;
}

/**
 * Each time's bits as two words, turned so that unsigned order is numeric order: negatives flipped
 * entirely, non-negatives with the sign bit set (−0 and 0 become the same key).
 */
function writeKeys(rows: Int32Array, time: Float64Array, lo: Uint32Array, hi: Uint32Array): void {
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  for (let i = 0; i < rows.length; i++) {
    const t = time[rows[i] as number] as number;
    bits[0] = t === 0 ? 0 : t;
    const h = words[1] as number;
    const negative = h >>> 31 === 1;
    lo[i] = negative ? ~(words[0] as number) >>> 0 : (words[0] as number);
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
}

/** `from` into `to`, rows with an event first, each group in its order. */
function eventsFirst(event: Uint8Array, from: Rows, to: Rows): void {
  const { idx, lo, hi } = from;
  const n = idx.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += event[idx[i] as number] ? 1 : 0;
  let e = 0;
  let c = events;
  const { idx: toIdx, lo: toLo, hi: toHi } = to;
  for (let i = 0; i < n; i++) {
    const k = event[idx[i] as number] ? e++ : c++;
    toIdx[k] = idx[i] as number;
    toLo[k] = lo[i] as number;
    toHi[k] = hi[i] as number;
  }
}

/**
 * One stable counting pass on the 16-bit digit of `keys` at `shift`, `from` into `to`; false (and
 * nothing written) when every key has the same digit: the pass would not move anything.
 */
function radixPass(keys: Uint32Array, shift: number, count: Int32Array, from: Rows, to: Rows): boolean {
  const n = keys.length;
  countDigits(keys, shift, count);
  if (n === 0 || count[((keys[0] as number) >>> shift) & 0xffff] === n) return false;
  digitStarts(count);
  scatter(keys, shift, count, from, to);
  return true;
}

function countDigits(keys: Uint32Array, shift: number, count: Int32Array): void {
  count.fill(0);
  for (let i = 0; i < keys.length; i++) count[((keys[i] as number) >>> shift) & 0xffff]++;
}

function scatter(keys: Uint32Array, shift: number, count: Int32Array, from: Rows, to: Rows): void {
  const { idx, lo, hi } = from;
  const { idx: toIdx, lo: toLo, hi: toHi } = to;
  for (let i = 0; i < keys.length; i++) {
    const k = count[((keys[i] as number) >>> shift) & 0xffff]++;
    toIdx[k] = idx[i] as number;
    toLo[k] = lo[i] as number;
    toHi[k] = hi[i] as number;
  }
}
