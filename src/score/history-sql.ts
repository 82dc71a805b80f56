// The micro-goal history per user, folded into patterns in SQL (DuckDB or BigQuery: standard SQL
// only), so only a few hundred rows come back however large the export: for each split (fit or
// held out, by a hash of the user), conversion and set of micro goals done, the number of users.
// A converter's micro goals count only strictly before their first macro event: what they did on
// the way, not after. Users are COALESCE(user_id, user_pseudo_id), as in the report.

export interface HistoryQuery {
  /** FROM item over export rows, e.g. read_parquet([...]) or a BigQuery wildcard table */
  from: string;
  hasUserId: boolean;
  macroEvent: string;
  /** micro goals' event names, in feature order */
  microEvents: string[];
  /** 1 in `holdoutEvery` users is held out from fitting (default 5: 20%) */
  holdoutEvery?: number;
  /** SQL of a 64-bit hash of a string expression, e.g. DuckDB `hash(x)`, BigQuery `FARM_FINGERPRINT(x)` */
  hash?: (expr: string) => string;
}

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** One row per user who has not converted: u and the micro-goal flags f0… (for the scores file). */
export function openLeadsSql(q: HistoryQuery): string {
  const fcols = q.microEvents.map((_, i) => `f${i}`);
  return `${perUserCtes(q)}\nSELECT u${fcols.map((f) => `, ${f}`).join("")} FROM per_user WHERE converted = 0 ORDER BY u`;
}

export function historySql(q: HistoryQuery): string {
  const hash = q.hash ?? ((x: string) => `hash(${x})`);
  const every = q.holdoutEvery ?? 5;
  const fcols = q.microEvents.map((_, i) => `f${i}`);
  return [
    perUserCtes(q),
    `SELECT CASE WHEN MOD(ABS(${hash("u")}), ${every}) = 0 THEN 1 ELSE 0 END AS held_out, converted${fcols.map((f) => `, ${f}`).join("")}, COUNT(*) AS users`,
    "FROM per_user",
    `GROUP BY 1, 2${fcols.map((f) => `, ${f}`).join("")}`,
  ].join("\n");
}

function perUserCtes(q: HistoryQuery): string {
  const user = q.hasUserId ? "COALESCE(user_id, user_pseudo_id)" : "user_pseudo_id";
  const events = [q.macroEvent, ...q.microEvents];
  const flags = q.microEvents.map(
    (e, i) =>
      `MAX(CASE WHEN ev.e = ${lit(e)} AND (fm.tm IS NULL OR ev.t < fm.tm) THEN 1 ELSE 0 END) AS f${i}`,
  );
  return [
    "WITH",
    `ev AS (SELECT ${user} AS u, event_timestamp AS t, event_name AS e FROM ${q.from} WHERE event_name IN (${events.map(lit).join(", ")})),`,
    `all_users AS (SELECT DISTINCT ${user} AS u FROM ${q.from}),`,
    `fm AS (SELECT u, MIN(t) AS tm FROM ev WHERE e = ${lit(q.macroEvent)} GROUP BY u),`,
    "per_user AS (",
    `  SELECT all_users.u AS u, CASE WHEN MAX(fm.tm) IS NULL THEN 0 ELSE 1 END AS converted${flags.map((f) => `, ${f}`).join("")}`,
    "  FROM all_users LEFT JOIN fm ON fm.u = all_users.u LEFT JOIN ev ON ev.u = all_users.u",
    "  GROUP BY all_users.u",
    ")",
  ].join("\n");
}
