// The user-level extraction behind the adjusted effects (src/report/effects): two compact results
// over the same export rows as the analysis query, in either dialect.
//
//   sessions: one row per (user, ga_session_id), ordered by user, start and session id, with the
//             session's own page views, events and engaged time (engagement_time_msec; the reader
//             adds up each user's earlier sessions into the history at a session's start), days
//             since first visit (user_first_touch_timestamp), device, the user's first medium and
//             source (traffic_source: GA4's first-touch acquisition) and the landing page;
//   firsts:   one row per user with a goal: the first time they did each goal, a column per goal
//             (firstTimeColumns; the goal matchers of the analysis query).
//
// Users are dense indexes (DENSE_RANK over the user) so JavaScript holds numbers, not ids.
import { NOT_SET, PAGE_PATH_PATTERN } from "../../query-plan.js";
import {
  dateFilterOf,
  type ExportQuery,
  goalCode,
  goalHitsCtes,
  type RowSource,
  userExpression,
} from "./analysis-query.js";
import type { Dialect } from "./dialect.js";

export const sessionColumns = [
  "ui",
  "st",
  "n_pv",
  "n_ev",
  "n_eng",
  "days_since_first",
  "device",
  "medium",
  "source",
  "landing",
] as const;

/** The firsts query's column per goal (its goal code, analysis-query.ts goalCode), beside `ui`. */
export function firstTimeColumns(q: Pick<ExportQuery, "goals">): { goalId: string; column: string }[] {
  const code = goalCode(q);
  return [...new Set(q.goals.map((g) => g.goalId))].map((goalId) => ({ goalId, column: `f${code(goalId)}` }));
}

function has(src: RowSource, column: string): boolean {
  return src.columns === undefined || src.columns.includes(column);
}

function usersCte(src: RowSource, d: Dialect, filter: string): string {
  return (
    `users_idx ${d.cteAs} (SELECT u, DENSE_RANK() OVER (ORDER BY u) - 1 AS ui ` +
    `FROM (SELECT DISTINCT ${userExpression(src)} AS u FROM ${src.from} WHERE ${filter}) z)`
  );
}

/**
 * `userKeys` (DuckDB): each row also carries its user's hash(user) as two 32-bit halves (`kh`, `kl`;
 * NULL for rows without a user), the key the files report's goal hits are grouped by, so first
 * times can come from those hits (sequence/hit-first-times.ts) instead of exposureFirstsSql.
 */
export function exposureSessionsSql(
  q: ExportQuery,
  src: RowSource,
  d: Dialect,
  opts: { userKeys?: boolean } = {},
): string {
  if (opts.userKeys && d.name !== "duckdb") throw new Error("user keys are DuckDB's hash(user)");
  const filter = dateFilterOf(q, src, d);
  const loc = "lv.string_value";
  const path = `CASE WHEN ${loc} IS NULL THEN ${d.str(NOT_SET)} ELSE COALESCE(NULLIF(${d.regexExtract(loc, PAGE_PATH_PATTERN)}, ''), '/') END`;
  const num = (v: string) =>
    `COALESCE(${v}.int_value, CAST(${v}.double_value AS ${d.int}), CAST(${v}.float_value AS ${d.int}))`;
  // The landing page is the session's first page view (by time, then page). DuckDB takes it in the
  // sessions' one aggregation (the least (time, page) pair); BigQuery ranks the page views.
  const landingInline = d.name === "duckdb";
  const ctes = [
    // Each parameter's value struct is found by the row's list of keys, made once per row.
    `sev0 AS (SELECT ${userExpression(src)} AS u, event_timestamp AS t, event_name AS e, ` +
      `${d.paramValue("ga_session_id", "param_keys")} AS sv, ${d.paramValue("engagement_time_msec", "param_keys")} AS ev, ` +
      `CASE WHEN event_name = 'page_view' THEN ${d.paramValue("page_location", "param_keys")} END AS lv, ` +
      // Files without the history columns (a trimmed extract) still report, with those levels unknown.
      `${has(src, "device") ? "device.category" : `CAST(NULL AS ${d.string})`} AS dev, ` +
      `${has(src, "traffic_source") ? "traffic_source.medium" : `CAST(NULL AS ${d.string})`} AS med, ` +
      `${has(src, "traffic_source") ? "traffic_source.source" : `CAST(NULL AS ${d.string})`} AS src, ` +
      `${has(src, "user_first_touch_timestamp") ? "user_first_touch_timestamp" : `CAST(NULL AS ${d.int})`} AS ftt ` +
      `FROM ${d.withParamKeys(src.from, "param_keys")} WHERE ${filter})`,
    // Read once by the sessions' aggregation (DuckDB): streamed, never materialized.
    `sev ${landingInline ? "AS" : d.cteAs} (SELECT u, t, e, COALESCE(${num("sv")}, -1) AS sid, COALESCE(${num("ev")}, 0) AS eng, ` +
      `CASE WHEN e = 'page_view' THEN ${path} END AS page, dev, med, src, ftt FROM sev0)`,
    // One row per session, with what the user-level columns need (a minimum of minima is the minimum).
    "sess AS (SELECT u, sid, MIN(t) AS st, COUNT(*) AS n_ev, " +
      "SUM(CASE WHEN e = 'page_view' THEN 1 ELSE 0 END) AS n_pv, SUM(eng) AS n_eng, MIN(dev) AS dev, " +
      "MIN(med) AS med, MIN(src) AS src, MIN(ftt) AS ftt" +
      // The page of the least (time, page) pair: the same as the least pair's page, without
      // comparing whole pairs for the minimum.
      (landingInline
        ? ", arg_min(page, {'t': t, 'p': page}) FILTER (WHERE page IS NOT NULL) AS landing"
        : "") +
      " FROM sev GROUP BY u, sid)",
    ...(landingInline
      ? []
      : [
          "landing AS (SELECT u, sid, page FROM (SELECT u, sid, page, " +
            "ROW_NUMBER() OVER (PARTITION BY u, sid ORDER BY t, page) AS rn FROM sev WHERE page IS NOT NULL) z WHERE rn = 1)",
        ]),
    // Users are dense indexes in the order of their ids, as in the first-times query (usersCte).
    "usr AS (SELECT u, MIN(med) AS med, MIN(src) AS src, COALESCE(MIN(ftt), MIN(st)) AS first_t, " +
      "DENSE_RANK() OVER (ORDER BY u) - 1 AS ui FROM sess GROUP BY u)",
  ];
  // Numbers as floats: exact (all below 2^53) and read without a BigInt each. The running sums of
  // earlier sessions are the reader's (in this order), not window passes over every session.
  const f = (x: string) => `CAST(${x} AS ${d.float})`;
  const select =
    `SELECT ${f("us.ui")} AS ui, s.st / 1000000.0 AS st, ${f("s.n_pv")} AS n_pv, ${f("s.n_ev")} AS n_ev, ` +
    `${f("s.n_eng")} AS n_eng, ` +
    "FLOOR(GREATEST(s.st - us.first_t, 0) / 86400000000.0) AS days_since_first, " +
    `s.dev AS device, us.med AS medium, us.src AS source, ${landingInline ? "s.landing" : "l.page"} AS landing ` +
    (opts.userKeys
      ? ", CASE WHEN s.u IS NOT NULL THEN CAST(hash(s.u) >> 32 AS DOUBLE) END AS kh, " +
        "CASE WHEN s.u IS NOT NULL THEN CAST(hash(s.u) & 4294967295 AS DOUBLE) END AS kl "
      : "") +
    "FROM sess s JOIN usr us ON us.u = s.u" +
    (landingInline ? "" : " LEFT JOIN landing l ON l.u = s.u AND l.sid = s.sid");
  return `WITH ${ctes.join(",\n")}\n${select}\nORDER BY us.ui, s.st, s.sid`;
}

export function exposureFirstsSql(q: ExportQuery, src: RowSource, d: Dialect): string {
  const filter = dateFilterOf(q, src, d);
  const ctes = [...goalHitsCtes(q, src, d), usersCte(src, d, filter)];
  const code = goalCode(q);
  // Pivoted by user before the join: a user's row meets the user index once, not once per hit.
  const firsts = firstTimeColumns(q).map(
    ({ goalId, column }) => `MIN(CASE WHEN g = ${code(goalId)} THEN t END) / 1000000.0 AS ${column}`,
  );
  const columns = firstTimeColumns(q).map(({ column }) => `h.${column} AS ${column}`);
  return (
    `WITH ${ctes.join(",\n")}\n` +
    `SELECT x.ui AS ui${columns.map((c) => `, ${c}`).join("")} ` +
    `FROM (SELECT u${firsts.map((f) => `, ${f}`).join("")} FROM hits GROUP BY u) h JOIN users_idx x ON x.u = h.u`
  );
}
