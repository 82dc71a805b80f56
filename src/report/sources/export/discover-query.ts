// Discovery's counts as SQL in the subset DuckDB and BigQuery share (the dialect fills in the rest):
// for every candidate (every event, event × common parameter value, frequency thresholds, and pairs
// of the strongest) and each half of the users (split by a hash of the user id), the crude 2×2 the
// report uses. Three named parts (raw → users → uc: each user's first times per candidate) feed the final queries: DuckDB makes
// each a temp table once, BigQuery inlines them as CTEs of one statement.
import {
  CANDIDATE_PARAMS,
  type CandidateDefinition,
  THRESHOLD_COUNTS,
  THRESHOLD_DAYS,
} from "../../discover/candidate.js";
import type { RowSource } from "./analysis-query.js";
import type { Dialect } from "./dialect.js";

export interface DiscoverQueryInput {
  /** YYYYMMDD, inclusive */
  startDate: string;
  endDate: string;
  macroEvent: string;
  windowSeconds: number;
}

export interface DiscoverParts {
  /** name → SELECT, in dependency order */
  parts: [name: string, sql: string][];
  singles: string;
  /** per half: users, converters, events */
  totals: string;
}

const DAY_US = 86_400_000_000;
// A thank-you page is seen a moment before the conversion event fires: "at or after converting".
const AT_CONVERSION_US = 60_000_000;
/** Timestamps kept per user and candidate: enough for the largest frequency threshold. */
const KEEP = Math.max(...THRESHOLD_COUNTS);

const count = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

export function discoverParts(q: DiscoverQueryInput, src: RowSource, d: Dialect): DiscoverParts {
  const lit = d.str;
  const macro = lit(q.macroEvent);
  const keys = CANDIDATE_PARAMS.map((k) => lit(k === "page_path" ? "page_location" : k)).join(", ");
  const where = [
    `event_date BETWEEN ${lit(q.startDate)} AND ${lit(q.endDate)}`,
    "user_pseudo_id IS NOT NULL",
    ...(src.where ? [`(${src.where})`] : []),
  ].join(" AND ");
  const raw = `SELECT user_pseudo_id AS u, event_timestamp AS t, event_name AS e, event_params AS p
    FROM ${src.from} WHERE ${where}`;
  // A deterministic half per user: the same user is in the same half on every run.
  const users = `SELECT u, MIN(t) AS first_t, MIN(CASE WHEN e = ${macro} THEN t END) AS conv_t,
      COUNT(*) AS n_events,
      CASE WHEN ${d.userHalf("u")} THEN 'discovery' ELSE 'confirmation' END AS half
    FROM raw GROUP BY u`;
  // Parameters are unnested once, only for the keys a candidate can use; the first KEEP
  // timestamps of each (user, candidate) are all a threshold needs.
  const value = `COALESCE(x.value.string_value, CAST(x.value.int_value AS ${d.string}))`;
  const occurrences = `SELECT u, t, e, '' AS pk, '' AS pv FROM raw WHERE e <> ${macro}
      UNION ALL
      SELECT u, t, e,
        CASE WHEN x.key = 'page_location' THEN 'page_path' ELSE x.key END AS pk,
        CASE WHEN x.key = 'page_location' THEN ${d.regexExtract(value, "^[A-Za-z]+://[^/]+(/[^/?#]*)")}
             ELSE ${value} END AS pv
      FROM (${d.eachElement("u, t, e", "p", "raw", `e <> ${macro}`)}) AS px
      WHERE x.key IN (${keys})`;
  const kept = "pv IS NOT NULL AND (pk = '' OR pv <> '')";
  const first = firstTimes(d);
  const uc =
    d.firstTimes === "array"
      ? `SELECT u, e, pk, pv, list_sort(list(t))[1:${KEEP}] AS ts
          FROM (${occurrences}) AS o WHERE ${kept} GROUP BY u, e, pk, pv`
      : `SELECT u, e, pk, pv, t, k FROM (
          SELECT u, e, pk, pv, t, ROW_NUMBER() OVER (PARTITION BY u, e, pk, pv ORDER BY t) AS k
          FROM (${occurrences}) AS o WHERE ${kept}
        ) AS ranked WHERE k <= ${KEEP}`;
  const defs = [[0, 0], ...THRESHOLD_COUNTS.flatMap((n) => THRESHOLD_DAYS.map((days) => [n, days]))]
    .map(([n, days]) => `SELECT ${n} AS n, ${days} AS days`)
    .join(" UNION ALL ");
  // A threshold "at least n times within `days` of the first visit" is met at the n-th time.
  const nth = first.nth("uc", "dd.n");
  const exposed = `CASE WHEN dd.n = 0 THEN ${first.nth("uc", "1")}
      WHEN ${nth} <= us.first_t + dd.days * ${DAY_US} THEN ${nth} END`;
  const singles = `SELECT uc.e AS e, uc.pk AS pk, uc.pv AS pv, dd.n AS n, dd.days AS days,
      CAST(NULL AS ${d.string}) AS be, CAST(NULL AS ${d.string}) AS bpk, CAST(NULL AS ${d.string}) AS bpv,
      us.half AS half, ${aggregates(exposed, q)}
    FROM uc JOIN users AS us ON us.u = uc.u ${first.joinDefs(`(${defs})`)}
    GROUP BY uc.e, uc.pk, uc.pv, dd.n, dd.days, us.half
    HAVING ${count(`(${exposed}) IS NOT NULL`)} > 0`;
  return {
    parts: [
      ["raw", raw],
      ["users", users],
      ["uc", uc],
    ],
    singles,
    totals:
      "SELECT half, COUNT(*) AS users, COUNT(conv_t) AS converters, SUM(n_events) AS events FROM users GROUP BY half",
  };
}

/** "X and Y" for every two of the chosen candidates, exposed when the later of the two first happened. */
export function discoverPairsSql(chosen: CandidateDefinition[], q: DiscoverQueryInput, d: Dialect): string {
  const lit = d.str;
  const first = firstTimes(d);
  const match = chosen
    .map((c) => `(e = ${lit(c.event)} AND pk = ${lit(c.param ?? "")} AND pv = ${lit(c.value ?? "")})`)
    .join(" OR ");
  return `SELECT a.e AS e, a.pk AS pk, a.pv AS pv, 0 AS n, 0 AS days, b.e AS be, b.pk AS bpk, b.pv AS bpv,
      us.half AS half, ${aggregates(`GREATEST(${first.nth("a", "1")}, ${first.nth("b", "1")})`, q)}
    FROM (SELECT * FROM uc WHERE ${first.firstOnly}(${match})) AS a
    JOIN (SELECT * FROM uc WHERE ${first.firstOnly}(${match})) AS b
      ON a.u = b.u AND CONCAT(a.e, '|', a.pk, '|', a.pv) < CONCAT(b.e, '|', b.pk, '|', b.pv)
    JOIN users AS us ON us.u = a.u
    GROUP BY a.e, a.pk, a.pv, b.e, b.pk, b.pv, us.half`;
}

/**
 * Reading the n-th time back from `uc`: an array element (DuckDB), or the row ranked n (BigQuery,
 * whose array functions the grammar check cannot follow; DuckDB runs this form too, in the tests).
 */
function firstTimes(d: Dialect) {
  if (d.firstTimes === "array")
    return {
      nth: (side: string, n: string) => `${side}.ts[${n}]`,
      joinDefs: (defs: string) => `CROSS JOIN ${defs} AS dd WHERE dd.n = 0 OR uc.pk = ''`,
      firstOnly: "",
    };
  return {
    nth: (side: string, _n: string) => `${side}.t`,
    joinDefs: (defs: string) =>
      `JOIN ${defs} AS dd ON uc.k = CASE WHEN dd.n = 0 THEN 1 ELSE dd.n END AND (dd.n = 0 OR uc.pk = '')`,
    firstOnly: "k = 1 AND ",
  };
}

/** The 2×2 counts for an exposure time `x` (NULL: not exposed) against the user's first conversion. */
function aggregates(x: string, q: DiscoverQueryInput): string {
  const w = Math.round(q.windowSeconds * 1e6);
  const conv = "us.conv_t";
  return [
    `${count(`(${x}) IS NOT NULL`)} AS doers`,
    `${count(`(${x}) IS NOT NULL AND ${conv} > (${x}) AND ${conv} <= (${x}) + ${w}`)} AS conv_after`,
    `${count(`(${x}) IS NOT NULL AND ${conv} IS NOT NULL`)} AS doer_converters`,
    `${count(`(${x}) IS NOT NULL AND ${conv} IS NOT NULL AND (${x}) < ${conv}`)} AS conv_before`,
    `${count(`(${x}) IS NOT NULL AND ${conv} IS NOT NULL AND (${x}) >= ${conv} - ${AT_CONVERSION_US}`)} AS only_after`,
  ].join(",\n      ");
}

/** One statement: the parts as CTEs before `final` (BigQuery runs it as is). */
export function withParts(parts: [string, string][], final: string): string {
  return `WITH ${parts.map(([name, sql]) => `${name} AS (${sql})`).join(",\n")}\n${final}`;
}

/** The rows of the confirmation half only: the complement of the users' `half` above. */
export function confirmationHalf(src: RowSource, d: Dialect): RowSource {
  const half = `NOT (${d.userHalf("user_pseudo_id")})`;
  return { ...src, where: src.where ? `(${src.where}) AND ${half}` : half };
}
