// Engine rows of the exposure queries (exposure-query.ts) → the estimator's plain columns, chunk by
// chunk: numbers into flat arrays, categories interned, so millions of sessions never exist as row
// objects.
import type { SessionHistory } from "../../effects/session-history.js";

/** Result columns by name: arrays of values, or a Float64Array for a column of floats (NaN = NULL). */
export type Columns = Record<string, ArrayLike<unknown>>;

/** BigQuery wraps some values as { value }. */
function unwrap(v: unknown): unknown {
  return v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
}

const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(unwrap(v)));

const numeric = {
  ui: "user",
  st: "start",
  days_since_first: "daysSinceFirstVisit",
} as const;
/** A session's own counts, added up over the user's earlier sessions into the history at its start. */
const running = {
  n_pv: "pageViewsSoFar",
  n_ev: "eventsSoFar",
  n_eng: "engagedSecondsSoFar",
} as const;
const categorical = {
  device: "device",
  medium: "firstMedium",
  source: "firstSource",
  landing: "landingPage",
} as const;

/**
 * Accumulates session chunks (rows ordered by user index, then start): each chunk's numbers into
 * its own typed arrays, joined once at the end, so a million sessions never sit in growing
 * JavaScript arrays. The history at a session's start is the sum over the same user's rows before
 * it, kept across chunks.
 */
export class SessionHistoryBuilder {
  private nums: Record<string, Float64Array[]> = Object.fromEntries(
    [...Object.keys(numeric), ...Object.keys(running), "sessions_so_far"].map((k) => [k, []]),
  );
  private cats: Record<string, (string | null)[]> = Object.fromEntries(
    Object.keys(categorical).map((k) => [k, []]),
  );
  private interned = new Map<string, string>();
  /** per user, in user order: hash(user) as halves (high, low), when the rows carry them (kh, kl) */
  private keys: number[] = [];
  /** the last row's user, its sessions so far, and the running sums (as in `running`) */
  private user = Number.NaN;
  private sessions = 0;
  private sums = [0, 0, 0];

  add(cols: Columns): void {
    const rows = (cols.ui ?? []).length;
    for (const k of Object.keys(numeric)) {
      const values = cols[k] ?? [];
      const out = new Float64Array(rows);
      const fill = k !== "ui" && k !== "st";
      for (let i = 0; i < rows; i++) {
        const x = num(values[i]);
        out[i] = fill && Number.isNaN(x) ? 0 : x;
      }
      (this.nums[k] as Float64Array[]).push(out);
    }
    const users = this.nums.ui?.at(-1) as Float64Array;
    const sessionsSoFar = new Float64Array(rows);
    const own = Object.keys(running).map((k) => cols[k] ?? []);
    const soFar = own.map(() => new Float64Array(rows));
    const { kh, kl } = cols;
    for (let i = 0; i < rows; i++) {
      const u = users[i] as number;
      if (u !== this.user) {
        this.user = u;
        this.sessions = 0;
        this.sums.fill(0);
        if (kh && kl) this.keys.push(num(kh[i]), num(kl[i]));
      }
      sessionsSoFar[i] = this.sessions++;
      for (let c = 0; c < own.length; c++) {
        (soFar[c] as Float64Array)[i] = this.sums[c] as number;
        const x = num((own[c] as ArrayLike<unknown>)[i]);
        this.sums[c] = (this.sums[c] as number) + (Number.isNaN(x) ? 0 : x);
      }
    }
    (this.nums.sessions_so_far as Float64Array[]).push(sessionsSoFar);
    Object.keys(running).forEach((k, c) => {
      (this.nums[k] as Float64Array[]).push(soFar[c] as Float64Array);
    });
    for (const k of Object.keys(categorical)) {
      const out = this.cats[k] as (string | null)[];
      const values = cols[k] ?? [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === undefined) {
          out.push(null);
          continue;
        }
        const s = String(unwrap(v));
        let kept = this.interned.get(s);
        if (kept === undefined) {
          kept = s;
          this.interned.set(s, s);
        }
        out.push(kept);
      }
    }
  }

  /** One column's chunks joined (and let go). */
  private joined(k: string): Float64Array {
    const chunks = this.nums[k] as Float64Array[];
    const out = new Float64Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.nums[k] = [];
    return out;
  }

  /**
   * The users' keys (2 per user, high then low; NaN: a user without an id), or undefined when the
   * rows carried none. Read before finish.
   */
  userKeys(): Float64Array | undefined {
    return this.keys.length > 0 ? Float64Array.from(this.keys) : undefined;
  }

  finish(): SessionHistory {
    const user = Int32Array.from(this.joined("ui"));
    const n = user.length;
    // Handed over, not kept: the builder holds nothing once the history exists.
    const cats = this.cats;
    this.cats = {};
    this.interned = new Map();
    const c = (k: keyof typeof categorical) => (cats[k] ?? []) as (string | null)[];
    // Engaged time is summed in milliseconds (whole numbers: exact) and read in seconds.
    const engaged = this.joined("n_eng");
    for (let i = 0; i < n; i++) engaged[i] = (engaged[i] as number) / 1000;
    return {
      user,
      users: n === 0 ? 0 : (user[n - 1] as number) + 1,
      start: this.joined("st"),
      sessionsSoFar: this.joined("sessions_so_far"),
      pageViewsSoFar: this.joined("n_pv"),
      eventsSoFar: this.joined("n_ev"),
      engagedSecondsSoFar: engaged,
      daysSinceFirstVisit: this.joined("days_since_first"),
      device: c("device"),
      firstMedium: c("medium"),
      firstSource: c("source"),
      landingPage: c("landing"),
    };
  }
}

/** Columns by name (sessionColumns) in one piece. */
export function sessionHistoryOf(cols: Columns): SessionHistory {
  const b = new SessionHistoryBuilder();
  b.add(cols);
  return b.finish();
}

/** A goal and the firsts query's column that holds its first times (exposure-query.ts firstTimeColumns). */
export interface FirstTimeColumn {
  goalId: string;
  column: string;
}

/** First time per goal and user (NaN = never), filled chunk by chunk. */
export function firstTimesSink(columns: FirstTimeColumn[], users: number) {
  const out = new Map(columns.map((c) => [c.goalId, new Float64Array(users).fill(Number.NaN)]));
  return {
    add(cols: Columns): void {
      const ui = cols.ui ?? [];
      for (const { goalId, column } of columns) {
        const arr = out.get(goalId) as Float64Array;
        const ft = cols[column] ?? [];
        for (let i = 0; i < ui.length; i++) {
          const u = num(ui[i]);
          if (u >= 0 && u < users) arr[u] = num(ft[i]);
        }
      }
    },
    result: out,
  };
}

/**
 * First times kept as compact chunks until they are asked for with the number of users (whichever
 * of the two queries runs first), then filled like firstTimesSink.
 */
export function firstTimesBuffer(columns: FirstTimeColumn[]) {
  const chunks: { user: Int32Array; times: Float64Array[] }[] = [];
  return {
    add(cols: Columns): void {
      const ui = cols.ui ?? [];
      const user = new Int32Array(ui.length);
      for (let i = 0; i < ui.length; i++) {
        const u = num(ui[i]);
        // Dense indexes (DENSE_RANK) fit; anything else is out of range like in firstTimesSink.
        user[i] = u >= 0 && u < 2 ** 31 ? u : -1;
      }
      const times = columns.map(({ column }) => {
        const ft = cols[column] ?? [];
        const time = new Float64Array(ui.length);
        for (let i = 0; i < ui.length; i++) time[i] = num(ft[i]);
        return time;
      });
      chunks.push({ user, times });
    },
    result(users: number): Map<string, Float64Array> {
      const out = new Map(columns.map((c) => [c.goalId, new Float64Array(users).fill(Number.NaN)]));
      for (const c of chunks)
        columns.forEach(({ goalId }, k) => {
          const arr = out.get(goalId) as Float64Array;
          const time = c.times[k] as Float64Array;
          for (let i = 0; i < c.user.length; i++) {
            const u = c.user[i] as number;
            if (u >= 0 && u < users) arr[u] = time[i] as number;
          }
        });
      chunks.length = 0;
      return out;
    },
  };
}

export function firstTimesOf(
  cols: Columns,
  columns: FirstTimeColumn[],
  users: number,
): Map<string, Float64Array> {
  const sink = firstTimesSink(columns, users);
  sink.add(cols);
  return sink.result;
}
