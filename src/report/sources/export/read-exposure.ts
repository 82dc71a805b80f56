// Engine rows of the exposure queries (exposure-query.ts) → the estimator's plain columns, chunk by
// chunk: numbers into flat arrays, categories interned, so millions of sessions never exist as row
// objects.
import type { SessionHistory } from "../../effects/session-history.js";
import { sharedFloat64, sharedInt32 } from "../../effects/shared-memory.js";
import { compareText } from "./byte-order.js";
import { DAY_MICROS } from "./calendar-date.js";
import { orderByKey, UserIndex } from "./user-keys.js";

/** Result columns by name: arrays of values, or a Float64Array for a column of floats (NaN = NULL). */
export type Columns = Record<string, ArrayLike<unknown>>;

/** BigQuery wraps some values as { value }. */
function unwrap(v: unknown): unknown {
  return v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
}

const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(unwrap(v)));

/**
 * A column's first `rows` values as floats (NULL → NaN). A column of floats is kept as it came:
 * the engine's reader made it for this chunk.
 */
function floatsOf(values: ArrayLike<unknown>, rows: number): Float64Array {
  if (values instanceof Float64Array && values.length === rows) return values;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = num(values[i]);
  return out;
}

/** The sessions query's numbers (NULL → NaN): key halves, start and session id, the session's own counts. */
const numbers = ["kh", "kl", "st", "sid", "n_pv", "n_ev", "n_eng", "ftt"] as const;
const categories = ["device", "medium", "source", "landing"] as const;

/** The sessions' history, and each user index's key (two numbers per user: high, low). */
export interface KeyedHistory {
  history: SessionHistory;
  keys: Float64Array;
}

/**
 * Accumulates session chunks (rows in any order, each naming its user by key: user-keys.ts): each
 * chunk's numbers into its own typed arrays, joined once at the end, so a million sessions never
 * sit in growing JavaScript arrays. `finish` orders them by user key, then start (and session id),
 * numbers the users in key order, and adds up each user's earlier sessions into the history at a
 * session's start, with the user-level columns (first medium and source, days since first visit).
 */
export class SessionHistoryBuilder {
  private nums: Record<string, Float64Array[]> = Object.fromEntries(numbers.map((k) => [k, []]));
  private cats: Record<string, Int32Array[]> = Object.fromEntries(categories.map((k) => [k, []]));
  /** every category column's distinct texts (code 0: no value), and each text's code */
  private values: (string | null)[] = [null];
  private codeOf = new Map<string, number>();
  /** sessions added and not yet handed over by finish() */
  get count(): number {
    return (this.nums.kh as Float64Array[]).reduce((n, chunk) => n + chunk.length, 0);
  }

  add(cols: Columns): void {
    const rows = (cols.kh ?? []).length;
    for (const k of numbers) {
      (this.nums[k] as Float64Array[]).push(floatsOf(cols[k] ?? [], rows));
    }
    for (const k of categories) {
      const out = new Int32Array(rows);
      const values = cols[k] ?? [];
      for (let i = 0; i < rows; i++) {
        const v = values[i];
        if (v === null || v === undefined) continue;
        const text = String(unwrap(v));
        let code = this.codeOf.get(text);
        if (code === undefined) {
          code = this.values.length;
          this.codeOf.set(text, code);
          this.values.push(text);
        }
        out[i] = code;
      }
      (this.cats[k] as Int32Array[]).push(out);
    }
  }

  /** One column's chunks joined (and let go), into `make`'s array. */
  private joined(
    k: (typeof numbers)[number],
    make: (n: number) => Float64Array = (n) => new Float64Array(n),
  ): Float64Array {
    const out = joinChunks(this.nums[k] as Float64Array[], make);
    this.nums[k] = [];
    return out;
  }

  finish(): KeyedHistory {
    // The start column becomes the history's starts in place: on shared memory, as the estimator's
    // worker reads them (bootstrap-threads.ts).
    const rows: RawSessions = {
      kh: this.joined("kh"),
      kl: this.joined("kl"),
      st: this.joined("st", sharedFloat64),
      sid: this.joined("sid"),
      pv: this.joined("n_pv"),
      ev: this.joined("n_ev"),
      eng: this.joined("n_eng"),
      ftt: this.joined("ftt"),
      device: this.cat("device"),
      medium: this.cat("medium"),
      source: this.cat("source"),
      landing: this.cat("landing"),
    };
    // Handed over, not kept: the builder holds nothing once the history exists.
    const values = this.values;
    this.values = [null];
    this.codeOf = new Map();
    // Rows the engine already ordered (DuckDB's sessions query) are walked as they came; others
    // are put in that order first.
    const ordered = inSessionOrder(rows) ? rows : inOrder(rows, sessionOrder(rows));
    const n = ordered.kh.length;
    const user = sharedInt32(n);
    // Each code's place in byte order (SQL's MIN over VARCHAR), so the least text is the least rank.
    const users = historyInPlace(ordered, textRanks(values), user);
    const keys = new Float64Array(2 * users);
    for (let u = 0; u < users; u++) {
      keys[2 * u] = ordered.kh[u] as number;
      keys[2 * u + 1] = ordered.kl[u] as number;
    }
    const h: SessionHistory = {
      user,
      users,
      start: ordered.st,
      sessionsSoFar: ordered.sid,
      pageViewsSoFar: ordered.pv,
      eventsSoFar: ordered.ev,
      engagedSecondsSoFar: ordered.eng,
      daysSinceFirstVisit: ordered.ftt,
      device: { codes: ordered.device, values },
      firstMedium: { codes: ordered.medium, values },
      firstSource: { codes: ordered.source, values },
      landingPage: { codes: ordered.landing, values },
    };
    return { history: h, keys };
  }

  /** One category column's chunks joined (and let go). */
  private cat(k: (typeof categories)[number]): Int32Array {
    const out = joinChunks(this.cats[k] as Int32Array[], (n) => new Int32Array(n));
    this.cats[k] = [];
    return out;
  }
}

/** The sessions' columns as the query gave them (chunks joined), by the query's names. */
interface RawSessions {
  kh: Float64Array;
  kl: Float64Array;
  st: Float64Array;
  sid: Float64Array;
  pv: Float64Array;
  ev: Float64Array;
  eng: Float64Array;
  ftt: Float64Array;
  device: Int32Array;
  medium: Int32Array;
  source: Int32Array;
  landing: Int32Array;
}

/**
 * Walks sessions ordered by key, then start and session id, user by user, and turns their columns
 * into the history in place: a session's own counts become the sums of the user's earlier sessions,
 * its start seconds, its session id the sessions so far, its first touch the days since the first
 * visit, its medium and source the user's least (as SQL's MIN), and key halves k ↦ user k's. Writes
 * each session's user number into `user`; returns the number of users. In place because fresh
 * memory is paid for page by page on first touch: on 10M events (1.26M sessions) a history of its
 * own was ~90 MB more of it.
 */
function historyInPlace(c: RawSessions, rank: Int32Array, user: Int32Array): number {
  const { kh, kl, st, sid, pv, ev, eng, ftt, medium, source } = c;
  const n = kh.length;
  let users = 0;
  for (let a = 0; a < n; ) {
    const hi = kh[a] as number;
    const lo = kl[a] as number;
    let b = a + 1;
    while (b < n && kh[b] === hi && kl[b] === lo) b++;
    // The user's columns: first medium and source (the least, as SQL's MIN), first visit (first
    // touch, else the first session's start). NaN (NULL) is no value.
    let firstTouch = Number.POSITIVE_INFINITY;
    let firstStart = Number.POSITIVE_INFINITY;
    let med = 0;
    let src = 0;
    for (let i = a; i < b; i++) {
      if ((ftt[i] as number) < firstTouch) firstTouch = ftt[i] as number;
      if ((st[i] as number) < firstStart) firstStart = st[i] as number;
      med = leastCode(med, medium[i] as number, rank);
      src = leastCode(src, source[i] as number, rank);
    }
    const firstVisit = firstTouch < Number.POSITIVE_INFINITY ? firstTouch : firstStart;
    let pvSoFar = 0;
    let evSoFar = 0;
    let engSoFar = 0;
    for (let i = a; i < b; i++) {
      const micros = st[i] as number;
      user[i] = users;
      st[i] = micros / 1e6;
      sid[i] = i - a;
      ftt[i] = Math.floor(Math.max(micros - firstVisit, 0) / DAY_MICROS) || 0;
      const p = pv[i] as number;
      pv[i] = pvSoFar;
      pvSoFar += p || 0;
      const e = ev[i] as number;
      ev[i] = evSoFar;
      evSoFar += e || 0;
      // engaged time is summed in milliseconds (whole numbers: exact) and read in seconds
      const g = eng[i] as number;
      eng[i] = engSoFar / 1000;
      engSoFar += g || 0;
      medium[i] = med;
      source[i] = src;
    }
    // Index users ≤ a: every row from b on is still to be read.
    kh[users] = hi;
    kl[users] = lo;
    users++;
    a = b;
  }
  return users;
}

/** The rows' order by key, then start and session id (rows from an engine that does not order them). */
function sessionOrder(c: RawSessions): Int32Array {
  const order = orderByKey(c.kh, c.kl);
  const n = order.length;
  for (let a = 0; a < n; ) {
    const first = order[a] as number;
    let b = a + 1;
    while (b < n && c.kh[order[b] as number] === c.kh[first] && c.kl[order[b] as number] === c.kl[first]) b++;
    if (b - a > 1) sortSessions(order, a, b, c.st, c.sid);
    a = b;
  }
  return order;
}

/** Every column with its rows in `order` (the start column on shared memory, as the history's). */
function inOrder(c: RawSessions, order: Int32Array): RawSessions {
  const f = (x: Float64Array, out: Float64Array = new Float64Array(order.length)) => {
    order.forEach((r, i) => {
      out[i] = x[r] as number;
    });
    return out;
  };
  const i32 = (x: Int32Array) => Int32Array.from(order, (r) => x[r] as number);
  return {
    kh: f(c.kh),
    kl: f(c.kl),
    st: f(c.st, sharedFloat64(order.length)),
    sid: f(c.sid),
    pv: f(c.pv),
    ev: f(c.ev),
    eng: f(c.eng),
    ftt: f(c.ftt),
    device: i32(c.device),
    medium: i32(c.medium),
    source: i32(c.source),
    landing: i32(c.landing),
  };
}

/** Chunks of one column in one array. */
function joinChunks<A extends Float64Array | Int32Array>(chunks: A[], make: (n: number) => A): A {
  const out = make(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Each value's rank in byte order (code 0, no value, first). */
function textRanks(values: (string | null)[]): Int32Array {
  const order = values.map((_, code) => code).slice(1);
  order.sort((a, b) => compareText(values[a] as string, values[b] as string));
  const rank = new Int32Array(values.length);
  order.forEach((code, i) => {
    rank[code] = i + 1;
  });
  return rank;
}

/** The code of the lesser of two texts in byte order (SQL's MIN over VARCHAR; code 0, no value, is none). */
function leastCode(x: number, y: number, rank: Int32Array): number {
  if (x === 0) return y;
  if (y === 0) return x;
  return (rank[x] as number) <= (rank[y] as number) ? x : y;
}

/** Whether the rows are ordered by key (high, low), then start and session id. */
function inSessionOrder({ kh, kl, st, sid }: RawSessions): boolean {
  for (let i = 1; i < kh.length; i++) {
    const h = kh[i - 1] as number;
    const l = kl[i - 1] as number;
    if (
      (kh[i] as number) > h ||
      (kh[i] === h && ((kl[i] as number) > l || (kl[i] === l && !before(i, i - 1, st, sid))))
    )
      continue;
    return false;
  }
  return true;
}

/** Whether session row x starts before row y (by start, then session id). */
function before(x: number, y: number, st: Float64Array, sid: Float64Array): boolean {
  return st[x]! < st[y]! || (st[x] === st[y] && sid[x]! < sid[y]!);
}

/** A user's rows [a, b) of `order` by start, then session id: insertion sort for the usual few. */
function sortSessions(order: Int32Array, a: number, b: number, st: Float64Array, sid: Float64Array): void {
  if (b - a > 32) {
    const rows = Array.from(order.subarray(a, b));
    rows.sort((x, y) => (before(x, y, st, sid) ? -1 : before(y, x, st, sid) ? 1 : 0));
    order.set(rows, a);
    return;
  }
  for (let i = a + 1; i < b; i++) {
    const r = order[i]!;
    let j = i - 1;
    while (j >= a && before(r, order[j]!, st, sid)) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = r;
  }
}

/** Columns by name (as exposure-query.ts exposureSessionsSql names them) in one piece. */
export function sessionHistoryOf(cols: Columns): KeyedHistory {
  const b = new SessionHistoryBuilder();
  b.add(cols);
  return b.finish();
}

/** A goal and the firsts query's column that holds its first times (exposure-query.ts firstTimeColumns). */
export interface FirstTimeColumn {
  goalId: string;
  column: string;
}

/**
 * First time per goal and user (NaN = never) from the firsts query's rows (each naming its user by
 * key, like the sessions'), kept as compact chunks until the users' keys are known.
 */
export function firstTimesBuffer(columns: FirstTimeColumn[]) {
  const chunks: { kh: Float64Array; kl: Float64Array; times: Float64Array[] }[] = [];
  return {
    add(cols: Columns): void {
      const rows = (cols.kh ?? []).length;
      chunks.push({
        kh: floatsOf(cols.kh ?? [], rows),
        kl: floatsOf(cols.kl ?? [], rows),
        times: columns.map(({ column }) => floatsOf(cols[column] ?? [], rows)),
      });
    },
    /** `keys`: two numbers per user index (KeyedHistory.keys). */
    result(keys: Float64Array): Map<string, Float64Array> {
      const users = keys.length / 2;
      const out = new Map(columns.map((c) => [c.goalId, sharedFloat64(users).fill(Number.NaN)]));
      const index = new UserIndex(keys);
      for (const c of chunks) {
        const user = c.kh.map((hi, i) => index.of(hi, c.kl[i]!));
        columns.forEach(({ goalId }, k) => {
          const arr = out.get(goalId) as Float64Array;
          const time = c.times[k] as Float64Array;
          for (let i = 0; i < user.length; i++) if (user[i]! >= 0) arr[user[i]!] = time[i]!;
        });
      }
      chunks.length = 0;
      return out;
    },
  };
}

export function firstTimesOf(
  cols: Columns,
  columns: FirstTimeColumn[],
  keys: Float64Array,
): Map<string, Float64Array> {
  const buffer = firstTimesBuffer(columns);
  buffer.add(cols);
  return buffer.result(keys);
}
