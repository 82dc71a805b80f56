// The memory one pair's point estimate works in and drops once its arms exist (its trial rows,
// their patterns, the comparison rows' picking), kept for the next pair: a pair's rows are as many
// as the sessions, and fresh memory is paid for page by page on first touch (at 10M events, ~40 MB
// per pair).

export class PairBuffers {
  session = new Int32Array(0);
  user = new Int32Array(0);
  treated = new Uint8Array(0);
  time = new Float64Array(0);
  event = new Uint8Array(0);
  rowPattern = new Int32Array(0);
  rowOf = new Int32Array(0);
  order = new Int32Array(0);

  /** Trial-row arrays for up to `n` rows (contents left from the pair before). */
  rows(n: number): this {
    if (this.session.length < n) {
      this.session = new Int32Array(n);
      this.user = new Int32Array(n);
      this.treated = new Uint8Array(n);
      this.time = new Float64Array(n);
      this.event = new Uint8Array(n);
    }
    return this;
  }

  /** A row → pattern array for `n` rows. */
  patterns(n: number): Int32Array {
    if (this.rowPattern.length < n) this.rowPattern = new Int32Array(n);
    return this.rowPattern.subarray(0, n);
  }

  /** The comparison arm's session → row map (`sessions` long) and its order (`rows` long). */
  picking(sessions: number, rows: number): { rowOf: Int32Array; order: Int32Array } {
    if (this.rowOf.length < sessions) this.rowOf = new Int32Array(sessions);
    if (this.order.length < rows) this.order = new Int32Array(rows);
    return { rowOf: this.rowOf.subarray(0, sessions), order: this.order.subarray(0, rows) };
  }
}
