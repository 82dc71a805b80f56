// The day and total sections over every event, with one grouping by user instead of one by day and
// user: each user's days as bitmasks (32 days per column), users counted per distinct mask, and each
// day's users added up from the masks' bits. Also whether hash(user) names one user each, which the
// sequence sections' hits rely on (user-hits-query.ts).
import type { ExportQuery, RowSource } from "../export/analysis-query.js";
import { dateFilterOf, userExpression } from "../export/analysis-query.js";
import { duckdb } from "../export/dialect.js";
import type { ResultRow } from "../export/read-result.js";
import { daysBetween } from "../export/result-checks.js";
import { resultRow } from "../export/sequence/result-row.js";

const BITS = 32;

export function userDaysSql(q: ExportQuery, src: RowSource): string {
  const days = daysBetween(q.startDate, q.endDate);
  const blocks = Math.max(1, Math.ceil(days.length / BITS));
  const masks = Array.from({ length: blocks }, (_, b) => `m${b}`);
  // The day's place in the range (i): a lookup in a constant list, once per event (every event_date
  // in the range is one of its days: checkEventDates), cheaper than a join with the days.
  const maskOf = (b: number) =>
    blocks === 1
      ? "CAST(bit_or(1::UINTEGER << i) AS DOUBLE) AS m0"
      : `CAST(bit_or(CASE WHEN i >= ${b * BITS} AND i < ${(b + 1) * BITS} ` +
        `THEN (1::UINTEGER << (i - ${b * BITS})) ELSE 0::UINTEGER END) AS DOUBLE) AS m${b}`;
  const filter = dateFilterOf(q, src, duckdb);
  const user = userExpression(src);
  const none = masks.map((m) => `NULL AS ${m}`).join(", ");
  const events =
    `SELECT ${user} AS u, list_position([${days.map(duckdb.str).join(", ")}], CAST(event_date AS VARCHAR)) - 1 AS i ` +
    `FROM ${src.from} WHERE ${filter} AND ${user} IS NOT NULL`;
  return [
    // hashed once per user, after the grouping
    `WITH per_user AS MATERIALIZED (SELECT hash(u) AS k, ${masks.join(", ")} FROM (SELECT u, ` +
      `${masks.map((_, b) => maskOf(b)).join(", ")} FROM (${events}) e GROUP BY u))`,
    `SELECT 'mask' AS kind, NULL AS day, CAST(count(*) AS DOUBLE) AS n, NULL AS keys, ${masks.join(", ")} ` +
      `FROM per_user GROUP BY ALL`,
    `UNION ALL SELECT 'users', NULL, CAST(count(*) AS DOUBLE), CAST(count(DISTINCT k) AS DOUBLE), ${none} ` +
      "FROM per_user",
    `UNION ALL SELECT 'events', event_date, CAST(count(*) AS DOUBLE), NULL, ${none} ` +
      `FROM ${src.from} WHERE ${filter} GROUP BY event_date`,
  ].join("\n");
}

export interface UserDays {
  /** the day and total sections */
  rows: ResultRow[];
  /** hash(user) differs for every user: the sequence sections may group hits by it */
  distinctKeys: boolean;
}

/** The day and total sections from the query's rows. */
export function readUserDays(raw: Record<string, unknown>[], q: ExportQuery): UserDays {
  const days = daysBetween(q.startDate, q.endDate);
  const users = new Float64Array(days.length);
  const events = new Map<string, number>();
  let total = 0;
  let keys = 0;
  for (const r of raw) {
    const n = Number(r.n);
    if (r.kind === "events") events.set(String(r.day), n);
    else if (r.kind === "users") keys = Number(r.keys);
    else {
      total += n;
      for (let b = 0; b * BITS < days.length; b++) {
        const mask = Number(r[`m${b}`]);
        for (let bit = 0; bit < BITS; bit++) if (mask & (2 ** bit)) users[b * BITS + bit]! += n;
      }
    }
  }
  const rows = [...events]
    .filter(([, n]) => n > 0)
    .map(([day, n]) => resultRow("day", { a: day, n1: n, n2: users[days.indexOf(day)] ?? 0 }));
  const allEvents = [...events.values()].reduce((a, b) => a + b, 0);
  rows.push(resultRow("total", { n1: total, n2: allEvents }));
  return { rows, distinctKeys: keys === total };
}
