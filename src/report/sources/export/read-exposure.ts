// Engine rows of the exposure queries (exposure-query.ts) → the estimator's plain columns.
import type { SessionHistory } from "../../effects/session-history.js";

type Column = readonly unknown[];

const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(unwrap(v)));
const str = (v: unknown) => (v === null || v === undefined ? null : String(unwrap(v)));

/** BigQuery wraps some values as { value }. */
function unwrap(v: unknown): unknown {
  return v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
}

/** Columns by name (sessionColumns), rows ordered by user index and start. */
export function sessionHistoryOf(cols: Record<string, Column>): SessionHistory {
  const n = (cols.ui ?? []).length;
  const f = (name: string) => Float64Array.from(cols[name] ?? [], (v) => num(v) || 0);
  const user = Int32Array.from(cols.ui ?? [], (v) => num(v));
  return {
    user,
    users: n === 0 ? 0 : (user[n - 1] as number) + 1,
    start: Float64Array.from(cols.st ?? [], num),
    sessionsSoFar: f("sessions_so_far"),
    pageViewsSoFar: f("pv_so_far"),
    eventsSoFar: f("ev_so_far"),
    engagedSecondsSoFar: f("eng_so_far"),
    daysSinceFirstVisit: f("days_since_first"),
    device: Array.from(cols.device ?? [], str),
    firstMedium: Array.from(cols.medium ?? [], str),
    firstSource: Array.from(cols.source ?? [], str),
    landingPage: Array.from(cols.landing ?? [], str),
  };
}

/** First time per goal and user (NaN = never). */
export function firstTimesOf(
  cols: Record<string, Column>,
  goalIds: string[],
  users: number,
): Map<string, Float64Array> {
  const out = new Map(goalIds.map((g) => [g, new Float64Array(users).fill(Number.NaN)]));
  const ui = cols.ui ?? [];
  const g = cols.g ?? [];
  const ft = cols.ft ?? [];
  for (let i = 0; i < ui.length; i++) {
    const arr = out.get(String(unwrap(g[i])));
    const u = num(ui[i]);
    if (arr && u < users) arr[u] = num(ft[i]);
  }
  return out;
}
