// The prefix sum of a 16-bit radix pass, shared by the estimator's time order (time-order.ts) and
// the sessions' order by user key (sources/export/user-keys.ts).

/** Each digit's count turned into its first place in the pass's output. */
export function digitStarts(count: Int32Array): void {
  let at = 0;
  for (let d = 0; d < count.length; d++) {
    const c = count[d] as number;
    count[d] = at;
    at += c;
  }
}
