// Engine rows of the exposure queries (exposure-query.ts) → the estimator's plain columns, chunk by
// chunk: numbers into flat arrays, categories interned, so millions of sessions never exist as row
// objects.
import type { SessionHistory } from "../../effects/session-history.js";

export type Columns = Record<string, readonly unknown[]>;

/** BigQuery wraps some values as { value }. */
function unwrap(v: unknown): unknown {
  return v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
}

const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(unwrap(v)));

const numeric = {
  ui: "user",
  st: "start",
  sessions_so_far: "sessionsSoFar",
  pv_so_far: "pageViewsSoFar",
  ev_so_far: "eventsSoFar",
  eng_so_far: "engagedSecondsSoFar",
  days_since_first: "daysSinceFirstVisit",
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
 * JavaScript arrays.
 */
export class SessionHistoryBuilder {
  private nums: Record<string, Float64Array[]> = Object.fromEntries(Object.keys(numeric).map((k) => [k, []]));
  private cats: Record<string, (string | null)[]> = Object.fromEntries(
    Object.keys(categorical).map((k) => [k, []]),
  );
  private interned = new Map<string, string>();

  add(cols: Columns): void {
    for (const k of Object.keys(numeric)) {
      const values = cols[k] ?? [];
      const out = new Float64Array(values.length);
      const fill = k !== "ui" && k !== "st";
      for (let i = 0; i < values.length; i++) {
        const x = num(values[i]);
        out[i] = fill && Number.isNaN(x) ? 0 : x;
      }
      (this.nums[k] as Float64Array[]).push(out);
    }
    for (const k of Object.keys(categorical)) {
      const out = this.cats[k] as (string | null)[];
      for (const v of cols[k] ?? []) {
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
  private joined(k: keyof typeof numeric): Float64Array {
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

  finish(): SessionHistory {
    const user = Int32Array.from(this.joined("ui"));
    const n = user.length;
    const c = (k: keyof typeof categorical) => this.cats[k] as (string | null)[];
    return {
      user,
      users: n === 0 ? 0 : (user[n - 1] as number) + 1,
      start: this.joined("st"),
      sessionsSoFar: this.joined("sessions_so_far"),
      pageViewsSoFar: this.joined("pv_so_far"),
      eventsSoFar: this.joined("ev_so_far"),
      engagedSecondsSoFar: this.joined("eng_so_far"),
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

/** First time per goal and user (NaN = never), filled chunk by chunk. */
export function firstTimesSink(goalIds: string[], users: number) {
  const out = new Map(goalIds.map((g) => [g, new Float64Array(users).fill(Number.NaN)]));
  return {
    add(cols: Columns): void {
      const ui = cols.ui ?? [];
      const g = cols.g ?? [];
      const ft = cols.ft ?? [];
      for (let i = 0; i < ui.length; i++) {
        const arr = out.get(String(unwrap(g[i])));
        const u = num(ui[i]);
        if (arr && u < users) arr[u] = num(ft[i]);
      }
    },
    result: out,
  };
}

/**
 * First times kept as compact chunks until the number of users is known (the sessions query runs
 * after this one, so the engine's peak and the history's never coincide), then filled like
 * firstTimesSink.
 */
export function firstTimesBuffer(goalIds: string[]) {
  const goalIndex = new Map(goalIds.map((g, i) => [g, i]));
  const chunks: { user: Int32Array; goal: Int32Array; time: Float64Array }[] = [];
  return {
    add(cols: Columns): void {
      const ui = cols.ui ?? [];
      const g = cols.g ?? [];
      const ft = cols.ft ?? [];
      const chunk = {
        // Dense indexes (DENSE_RANK) fit; anything else is out of range like in firstTimesSink.
        user: new Int32Array(ui.length),
        goal: new Int32Array(ui.length),
        time: new Float64Array(ui.length),
      };
      for (let i = 0; i < ui.length; i++) {
        const u = num(ui[i]);
        chunk.user[i] = u >= 0 && u < 2 ** 31 ? u : -1;
        chunk.goal[i] = goalIndex.get(String(unwrap(g[i]))) ?? -1;
        chunk.time[i] = num(ft[i]);
      }
      chunks.push(chunk);
    },
    result(users: number): Map<string, Float64Array> {
      const out = new Map(goalIds.map((g) => [g, new Float64Array(users).fill(Number.NaN)]));
      const byIndex = goalIds.map((g) => out.get(g) as Float64Array);
      for (const c of chunks)
        for (let i = 0; i < c.user.length; i++) {
          const arr = byIndex[c.goal[i] as number];
          const u = c.user[i] as number;
          if (arr && u >= 0 && u < users) arr[u] = c.time[i] as number;
        }
      chunks.length = 0;
      return out;
    },
  };
}

export function firstTimesOf(cols: Columns, goalIds: string[], users: number): Map<string, Float64Array> {
  const sink = firstTimesSink(goalIds, users);
  sink.add(cols);
  return sink.result;
}
