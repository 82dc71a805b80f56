// The Kaplan–Meier row order: by time, events before censorings at equal times, rows otherwise in
// their given order. A stable least-significant-digit radix sort over the times' IEEE bits (in the
// order of the numbers they encode) in 16-bit digits, after one pass that puts events first: a
// fixed handful of linear passes where a comparison sort takes log2(n), and digits every key shares
// (the high bits of times in one range) are skipped.

const DIGIT = 1 << 16;

/** Row indexes of `rows` in Kaplan–Meier time order (see above). */
export function timeOrder(rows: Int32Array, time: Float64Array, event: Uint8Array): Int32Array {
  const n = rows.length;
  // Each time's bits as two words, turned so that unsigned order is numeric order: negatives
  // flipped entirely, non-negatives with the sign bit set (−0 and 0 become the same key).
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const t = time[rows[i] as number] as number;
    bits[0] = t === 0 ? 0 : t;
    const h = words[1] as number;
    const negative = h >>> 31 === 1;
    lo[i] = negative ? ~(words[0] as number) >>> 0 : (words[0] as number);
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
  let idx = Int32Array.from(rows);
  let idx2 = new Int32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);

  // Events first, stably: the least significant key.
  let events = 0;
  for (let i = 0; i < n; i++) events += event[idx[i] as number] ? 1 : 0;
  let e = 0;
  let c = events;
  for (let i = 0; i < n; i++) {
    const k = event[idx[i] as number] ? e++ : c++;
    idx2[k] = idx[i] as number;
    lo2[k] = lo[i] as number;
    hi2[k] = hi[i] as number;
  }
  [idx, idx2, lo, lo2, hi, hi2] = [idx2, idx, lo2, lo, hi2, hi];

  const count = new Uint32Array(DIGIT);
  for (const [word, shift] of [
    [0, 0],
    [0, 16],
    [1, 0],
    [1, 16],
  ] as const) {
    count.fill(0);
    const keys = word === 0 ? lo : hi;
    for (let i = 0; i < n; i++) count[((keys[i] as number) >>> shift) & 0xffff]++;
    // Every key has this digit: the pass would not move anything.
    if (n === 0 || count[((keys[0] as number) >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGIT; d++) {
      const k = count[d] as number;
      count[d] = sum;
      sum += k;
    }
    for (let i = 0; i < n; i++) {
      const k = count[((keys[i] as number) >>> shift) & 0xffff]++;
      idx2[k] = idx[i] as number;
      lo2[k] = lo[i] as number;
      hi2[k] = hi[i] as number;
    }
    [idx, idx2, lo, lo2, hi, hi2] = [idx2, idx, lo2, lo, hi2, hi];
  }
  return idx;
}
