// The user-level extraction behind the adjusted effects (src/report/effects): two compact results
// over the same export rows as the analysis query, in either dialect.
//
//   sessions: one row per (user, ga_session_id), with the session's start, its own page views,
//             events and engaged time (engagement_time_msec), its earliest first touch
//             (user_first_touch_timestamp), device, medium and source (traffic_source: GA4's
//             first-touch acquisition) and landing page. The reader (read-exposure.ts) adds up each
//             user's earlier sessions into the history at a session's start. DuckDB returns them
//             ordered by key, start and session id: on 10M events (1.26M sessions) the engine took
//             no longer than to stream them unsorted, and the reader, walking them front to back
//             instead of sorting and gathering them, took 0.9 s instead of 1.5. BigQuery returns
//             them in any order, and the reader orders them;
//   firsts:   one row per user with a goal: the first time they did each goal, a column per goal
//             (firstTimeColumns; the goal matchers of the analysis query).
//
// Rows name their user by a 64-bit key in two halves (kh, kl) so JavaScript holds numbers, not ids:
// (0, the user's dense rank in id order), or on DuckDB, when the caller knows no two users share
// one (the files report's one pass checks), hash(user): the key its goal hits are grouped by, with
// no ranking of every user. Rows without a user are left out.
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

/**
 * How rows name their user: "rank" (any dialect) or "hash" (DuckDB, and only where no two users
 * share a hash: two users with one hash would be one user).
 */
export type UserKey = "rank" | "hash";

/** The hash key columns (kh, kl) for the user expression `u`, or undefined for ranks. */
function hashKey(u: string, d: Dialect, key: UserKey): string | undefined {
  if (key === "rank") return undefined;
  if (d.name !== "duckdb") throw new Error("hash keys are DuckDB's hash(user)");
  return `CAST(hash(${u}) >> 32 AS DOUBLE) AS kh, CAST(hash(${u}) & 4294967295 AS DOUBLE) AS kl`;
}

/** The firsts query's column per goal (its goal code, analysis-query.ts goalCode), beside the key. */
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

export function exposureSessionsSql(
  q: ExportQuery,
  src: RowSource,
  d: Dialect,
  key: UserKey = "rank",
): string {
  const filter = dateFilterOf(q, src, d);
  const num = (v: string) =>
    `COALESCE(${v}.int_value, CAST(${v}.double_value AS ${d.int}), CAST(${v}.float_value AS ${d.int}))`;
  // Hash keys group by the key itself: a number, not the id's text.
  const hashed = key === "hash" && d.name === "duckdb";
  const user = hashed ? "hash(u)" : "u";
  // The landing page is the session's first page view (by time, then location, a missing one last).
  // DuckDB takes it in the sessions' one aggregation; BigQuery ranks the page views. Either way the
  // path is read from the one location chosen, not from every page view.
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
      `FROM ${d.withParamKeys(src.from, "param_keys")} WHERE ${filter} AND ${userExpression(src)} IS NOT NULL)`,
    // Read once by the sessions' aggregation (DuckDB): streamed, never materialized.
    `sev ${landingInline ? "AS" : d.cteAs} (SELECT ${user} AS u, t, e, COALESCE(${num("sv")}, -1) AS sid, ` +
      `COALESCE(${num("ev")}, 0) AS eng, lv.string_value AS loc, dev, med, src, ftt FROM sev0)`,
    // One row per session, with what the user-level columns need (a minimum of minima is the minimum).
    "sess AS (SELECT u, sid, MIN(t) AS st, COUNT(*) AS n_ev, " +
      "SUM(CASE WHEN e = 'page_view' THEN 1 ELSE 0 END) AS n_pv, SUM(eng) AS n_eng, MIN(dev) AS dev, " +
      "MIN(med) AS med, MIN(src) AS src, MIN(ftt) AS ftt" +
      // The location of the least (time, location) pair (a missing location sorts last, as in
      // BigQuery's order below).
      (landingInline ? ", arg_min_null(loc, {'t': t, 'l': loc}) FILTER (WHERE e = 'page_view') AS loc" : "") +
      " FROM sev GROUP BY u, sid)",
    ...(landingInline
      ? []
      : [
          "landing AS (SELECT u, sid, loc FROM (SELECT u, sid, loc, " +
            "ROW_NUMBER() OVER (PARTITION BY u, sid ORDER BY t, loc IS NULL, loc) AS rn " +
            "FROM sev WHERE e = 'page_view') z WHERE rn = 1)",
        ]),
    // Rank keys: dense ranks in the order of the ids, as in the firsts query (usersCte).
    ...(key === "hash"
      ? []
      : ["usr AS (SELECT u, DENSE_RANK() OVER (ORDER BY u) - 1 AS ui FROM sess GROUP BY u)"]),
  ];
  // Numbers as floats: exact (all below 2^53) and read without a BigInt each.
  const f = (x: string) => `CAST(${x} AS ${d.float})`;
  const loc = landingInline ? "s.loc" : "l.loc";
  // No page view: no landing page; a page view without a location: (not set).
  const landing =
    `CASE WHEN s.n_pv = 0 THEN NULL WHEN ${loc} IS NULL THEN ${d.str(NOT_SET)} ` +
    `ELSE COALESCE(NULLIF(${d.regexExtract(loc, PAGE_PATH_PATTERN)}, ''), '/') END`;
  const keyColumns = hashed
    ? `${f("s.u >> 32")} AS kh, ${f("s.u & 4294967295")} AS kl`
    : (hashKey("s.u", d, key) ?? `${f("0")} AS kh, ${f("us.ui")} AS kl`);
  const select =
    `SELECT ${keyColumns}, ${f("s.st")} AS st, ${f("s.sid")} AS sid, ` +
    `${f("s.n_pv")} AS n_pv, ${f("s.n_ev")} AS n_ev, ${f("s.n_eng")} AS n_eng, ${f("s.ftt")} AS ftt, ` +
    `s.dev AS device, s.med AS medium, s.src AS source, ${landing} AS landing ` +
    `FROM sess s${key === "hash" ? "" : " JOIN usr us ON us.u = s.u"}` +
    (landingInline ? "" : " LEFT JOIN landing l ON l.u = s.u AND l.sid = s.sid") +
    (d.name === "duckdb" ? " ORDER BY kh, kl, st, sid" : "");
  return `WITH ${ctes.join(",\n")}\n${select}`;
}

export function exposureFirstsSql(q: ExportQuery, src: RowSource, d: Dialect, key: UserKey = "rank"): string {
  const filter = dateFilterOf(q, src, d);
  const code = goalCode(q);
  const firsts = firstTimeColumns(q).map(
    ({ goalId, column }) => `MIN(CASE WHEN g = ${code(goalId)} THEN t END) / 1000000.0 AS ${column}`,
  );
  const perUser = `SELECT u${firsts.map((f) => `, ${f}`).join("")} FROM hits GROUP BY u`;
  const columns = firstTimeColumns(q).map(({ column }) => `, h.${column} AS ${column}`);
  const hashed = hashKey("h.u", d, key);
  if (hashed)
    return `WITH ${goalHitsCtes(q, src, d).join(",\n")}\nSELECT ${hashed}${columns.join("")} FROM (${perUser}) h`;
  // Pivoted by user before the join: a user's row meets the user index once, not once per hit.
  const ctes = [...goalHitsCtes(q, src, d), usersCte(src, d, filter)];
  return (
    `WITH ${ctes.join(",\n")}\n` +
    `SELECT CAST(0 AS ${d.float}) AS kh, CAST(x.ui AS ${d.float}) AS kl${columns.join("")} ` +
    `FROM (${perUser}) h JOIN users_idx x ON x.u = h.u`
  );
}
