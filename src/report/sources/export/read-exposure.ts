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

/** Accumulates session chunks (rows ordered by user index, then start). */
export class SessionHistoryBuilder {
  private nums: Record<string, number[]> = Object.fromEntries(Object.keys(numeric).map((k) => [k, []]));
  private cats: Record<string, (string | null)[]> = Object.fromEntries(
    Object.keys(categorical).map((k) => [k, []]),
  );
  private interned = new Map<string, string>();

  add(cols: Columns): void {
    for (const k of Object.keys(numeric)) {
      const out = this.nums[k] as number[];
      const fill = k !== "ui" && k !== "st";
      for (const v of cols[k] ?? []) {
        const x = num(v);
        out.push(fill && Number.isNaN(x) ? 0 : x);
      }
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

  finish(): SessionHistory {
    const f = (k: keyof typeof numeric) => Float64Array.from(this.nums[k] as number[]);
    const user = Int32Array.from(this.nums.ui as number[]);
    const n = user.length;
    const c = (k: keyof typeof categorical) => this.cats[k] as (string | null)[];
    return {
      user,
      users: n === 0 ? 0 : (user[n - 1] as number) + 1,
      start: f("st"),
      sessionsSoFar: f("sessions_so_far"),
      pageViewsSoFar: f("pv_so_far"),
      eventsSoFar: f("ev_so_far"),
      engagedSecondsSoFar: f("eng_so_far"),
      daysSinceFirstVisit: f("days_since_first"),
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

export function firstTimesOf(cols: Columns, goalIds: string[], users: number): Map<string, Float64Array> {
  const sink = firstTimesSink(goalIds, users);
  sink.add(cols);
  return sink.result;
}
