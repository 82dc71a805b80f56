// One query model, two dialects: the whole report as ONE SQL statement over GA4 export rows, so
// BigQuery can dry-run (and bill) it once and DuckDB can plan it once. Every section comes back in
// one long result (see ResultRow) that read-result.ts folds into the report input.
//
// Users are COALESCE(user_id, user_pseudo_id); times are event_timestamp (µs). "Micro then macro
// within W" = a macro event at t with a micro event of the same user in [t − W, t), i.e. strictly
// before it: the same rule as GA4 funnels (and the emulator's runFunnelReport).
import { NOT_SET, PAGE_PATH_PATTERN } from "../../query-plan.js";
import { compareText } from "./byte-order.js";
import { utcDayMs } from "./calendar-date.js";
import type { Dialect } from "./dialect.js";
import type { GoalMatcher, ParamPredicate } from "./goal-matcher.js";
import { neededParams, paramReads, readsUrl } from "./goal-matcher.js";
import { paramColumns } from "./param-columns.js";

export interface ExportQuery {
  /** YYYYMMDD, inclusive: compared with event_date */
  startDate: string;
  endDate: string;
  goals: GoalMatcher[];
  pairs: { microId: string; macroId: string; windowSeconds: number }[];
  funnels: { funnelId: string; open: boolean; windowSeconds: number; steps: string[] }[];
  /** window before a macro conversion in which its goal path is read */
  pathWindowSeconds: number;
  /** most common paths kept per macro goal */
  topPaths: number;
  /** goal events kept per path (the last N before the conversion) */
  pathLength: number;
}

/** Where export rows come from: a FROM item plus an optional extra filter (table-suffix pruning). */
export interface RowSource {
  from: string;
  where?: string;
  /** false when the rows have no user_id column at all (NDJSON that never saw one) */
  hasUserId: boolean;
  /** the columns the rows have, when known (Parquet); absent: every export column */
  columns?: string[];
}

/** Columns of every result row; unused ones are NULL. Meaning per section in read-result.ts. */
export const resultColumns = ["section", "a", "b", "n1", "n2", "n3", "n4", "x1", "x2"] as const;

const MICROS = 1_000_000;

/**
 * In hits, goal_users and everything after them a goal is a small integer, its id's rank in byte
 * order (the order SQL sorts the ids in, so ORDER BY g stays the same): narrower rows, cheaper
 * joins and sorts. goalName turns one back into the id for the result.
 */
export function goalCode(q: Pick<ExportQuery, "goals">): (goalId: string) => number {
  const ids = [...new Set(q.goals.map((g) => g.goalId))].sort(compareText);
  const code = new Map(ids.map((id, i) => [id, i]));
  return (goalId) => code.get(goalId) ?? -1;
}

export function goalName(q: Pick<ExportQuery, "goals">, expr: string, d: Dialect): string {
  const code = goalCode(q);
  const ids = [...new Set(q.goals.map((g) => g.goalId))];
  if (ids.length === 0) return `CAST(NULL AS ${d.string})`;
  return `CASE ${expr} ${ids.map((id) => `WHEN ${code(id)} THEN ${d.str(id)} `).join("")}END`;
}

export function analysisSql(q: ExportQuery, src: RowSource, d: Dialect): string {
  const lit = d.str;
  const user = userExpression(src);
  const dateFilter = dateFilterOf(q, src, d);
  const ctes: string[] = goalHitsCtes(q, src, d);

  // One row per user and goal (with the user's first time and number of hits): what "did the goal"
  // questions need, far smaller than the hits.
  ctes.push(`goal_users ${d.cteAs} (SELECT u, g, MIN(t) AS ft, COUNT(*) AS n FROM hits GROUP BY u, g)`);
  ctes.push("goal_count AS (SELECT g, COUNT(*) AS n FROM goal_users GROUP BY g)");
  const out = (
    section: string,
    cols: Partial<Record<(typeof resultColumns)[number], string>>,
    rest: string,
  ) => {
    const typed = (c: (typeof resultColumns)[number]) => {
      const type = c === "a" || c === "b" || c === "section" ? d.string : c.startsWith("x") ? d.float : d.int;
      const v = c === "section" ? lit(section) : cols[c];
      return `CAST(${v ?? "NULL"} AS ${type}) AS ${c}`;
    };
    return `SELECT ${resultColumns.map(typed).join(", ")} ${rest}`;
  };
  const selects: string[] = [];
  const base = `FROM ${src.from} WHERE ${dateFilter}`;
  selects.push(
    out(
      "day",
      { a: "event_date", n1: "COUNT(*)", n2: `COUNT(DISTINCT ${user})` },
      `${base} GROUP BY event_date`,
    ),
  );
  selects.push(out("total", { n1: `COUNT(DISTINCT ${user})`, n2: "COUNT(*)" }, base));
  selects.push(
    out("goal", { a: goalName(q, "g", d), n1: "COUNT(*)", n2: "SUM(n)" }, "FROM goal_users GROUP BY g"),
  );

  pairSql(q, d, ctes, selects, out);
  funnelSql(q, d, ctes, selects, out);
  pathSql(q, d, ctes, selects, out);

  return `WITH ${ctes.join(",\n")}\n${selects.join("\nUNION ALL\n")}\nORDER BY section, a, b, n2`;
}

/** The user of a row: COALESCE(user_id, user_pseudo_id), or user_pseudo_id when there is no user_id. */
export function userExpression(src: RowSource): string {
  return src.hasUserId ? "COALESCE(user_id, user_pseudo_id)" : "user_pseudo_id";
}

/** The report's days (and the source's own pruning filter). */
export function dateFilterOf(
  q: Pick<ExportQuery, "startDate" | "endDate">,
  src: RowSource,
  d: Dialect,
): string {
  return [
    `event_date BETWEEN ${d.str(q.startDate)} AND ${d.str(q.endDate)}`,
    ...(src.where ? [`(${src.where})`] : []),
  ].join(" AND ");
}

/**
 * CTEs ending in `hits (u, t, g)`: every goal's matching events, user and time (µs); rows without a
 * user (consent mode) belong to no journey and are left out. `hits` is materialized where the
 * dialect does that (the analysis reads it many times), unless `once`: read once. DuckDB gets them
 * from one scan (oneScanHitsCtes); BigQuery, billed by the bytes it reads rather than its work,
 * from a branch per goal.
 */
export function goalHitsCtes(q: ExportQuery, src: RowSource, d: Dialect, once = false): string[] {
  if (d.name === "duckdb") return oneScanHitsCtes(q, src, d, once);
  const lit = d.str;
  const user = userExpression(src);
  const dateFilter = dateFilterOf(q, src, d);
  const params = neededParams(q.goals);
  const paramCol = new Map(params.map((k, i) => [k, `p${i}`]));
  const needsUrl = readsUrl(q.goals);
  const events = [...new Set(q.goals.map((g) => g.event))].sort();
  const code = goalCode(q);

  const evCols = [
    `${user} AS u`,
    "event_timestamp AS t",
    "event_name AS e",
    ...params.flatMap((k) => [
      `${d.paramString(k)} AS ${paramCol.get(k)}_s`,
      `${d.paramNumber(k)} AS ${paramCol.get(k)}_n`,
    ]),
  ];
  // Goals matched by their event name alone (the only such goal on that event) are labelled in one
  // pass; the others each filter the rows again.
  const plainOn = new Map<string, number>();
  for (const g of q.goals)
    if (g.predicates.length === 0) plainOn.set(g.event, (plainOn.get(g.event) ?? 0) + 1);
  const byName = q.goals.filter((g) => g.predicates.length === 0 && plainOn.get(g.event) === 1);
  const filtered = q.goals.filter((g) => !byName.includes(g));
  const ctes: string[] = [];
  ctes.push(
    `ev0 ${filtered.length > 0 ? d.cteAs : "AS"} (SELECT ${evCols.join(", ")} FROM ${src.from} WHERE ${dateFilter}` +
      ` AND event_name IN (${events.map(lit).join(", ") || lit("")}) AND ${user} IS NOT NULL)`,
  );
  const loc = paramCol.has("page_location") ? `${paramCol.get("page_location")}_s` : "NULL";
  ctes.push(needsUrl ? `ev AS (SELECT *, ${urlColumns(loc, d)} FROM ev0)` : "ev AS (SELECT * FROM ev0)");
  const hitBranches = filtered.map((g) => {
    const preds = g.predicates.map((p) => predicateSql(p, paramCol, d));
    return `SELECT u, t, ${code(g.goalId)} AS g FROM ev WHERE e = ${lit(g.event)}${preds.map((p) => ` AND ${p}`).join("")}`;
  });
  if (byName.length > 0)
    hitBranches.unshift(
      `SELECT u, t, CASE e ${byName.map((g) => `WHEN ${lit(g.event)} THEN ${code(g.goalId)} `).join("")}END AS g FROM ev` +
        (filtered.length > 0 ? ` WHERE e IN (${byName.map((g) => lit(g.event)).join(", ")})` : ""),
    );
  ctes.push(
    `hits ${once ? "AS" : d.cteAs} (${hitBranches.join(" UNION ALL ") || `SELECT u, t, -1 AS g FROM ev WHERE 1 = 0`})`,
  );

  return ctes;
}

/** The page path as every source defines it (report/query-plan.ts PAGE_PATH_DEFINITION), and the host, of the text column `loc`. */
function urlColumns(loc: string, d: Dialect): string {
  // NULLIF because DuckDB's regexp_extract gives '' where BigQuery's gives NULL.
  return (
    `CASE WHEN ${loc} IS NULL THEN ${d.str(NOT_SET)} ` +
    `ELSE COALESCE(NULLIF(${d.regexExtract(loc, PAGE_PATH_PATTERN)}, ''), '/') END AS url_path, ` +
    `${d.regexExtract(loc, "^[^:/?#]+://([^/?#:]*)")} AS url_host`
  );
}

/**
 * The goal hits on DuckDB, from one scan of the rows: each parameter a condition reads is found
 * once per row, only on the events whose goals read it, in the forms they compare (text, number);
 * each row's goals come from one expression per event: the goal's code or NULL, or where an event
 * has several goals, the list of those that match, unnested. The same (u, t, g) rows as one branch
 * per goal over a materialized scan (goalHitsCtes' other dialect), which decoded every parameter
 * eight times on every goal event: the merch example (a page-path goal) on 10M generated events,
 * its hits 6.3 s -> 2.1 s.
 */
function oneScanHitsCtes(q: ExportQuery, src: RowSource, d: Dialect, once: boolean): string[] {
  const lit = d.str;
  const user = userExpression(src);
  const reads = paramReads(q.goals);
  const col = new Map(reads.map((r, i) => [r.key, `p${i}`]));
  const events = [...new Set(q.goals.map((g) => g.event))].sort();
  const code = goalCode(q);
  const { found, forms } = paramColumns(reads, col, d);
  const scanned = [`${user} AS u`, "event_timestamp AS t", "event_name AS e", ...found];
  const ctes = [
    `ev0 AS (SELECT u, t, e${forms.map((f) => `, ${f}`).join("")} FROM (SELECT ${scanned.join(", ")} ` +
      `FROM ${src.from} WHERE ${dateFilterOf(q, src, d)} AND event_name IN (${events.map(lit).join(", ") || lit("")}) ` +
      `AND ${user} IS NOT NULL) z)`,
    readsUrl(q.goals)
      ? `ev AS (SELECT *, ${urlColumns(col.has("page_location") ? `${col.get("page_location")}_s` : "NULL", d)} FROM ev0)`
      : "ev AS (SELECT * FROM ev0)",
  ];
  const matching = (g: GoalMatcher) => {
    const preds = g.predicates.map((p) => predicateSql(p, col, d));
    return preds.length === 0
      ? `${code(g.goalId)}`
      : `CASE WHEN ${preds.join(" AND ")} THEN ${code(g.goalId)} END`;
  };
  const onEvent = (e: string) => q.goals.filter((g) => g.event === e);
  const several = events.some((e) => onEvent(e).length > 1);
  const perEvent = events.map((e) => {
    const goals = onEvent(e);
    const g = several
      ? `list_filter([${goals.map(matching).join(", ")}], lambda x: x IS NOT NULL)`
      : matching(goals[0] as GoalMatcher);
    return `WHEN ${lit(e)} THEN ${g} `;
  });
  const hits =
    events.length === 0
      ? "SELECT u, t, -1 AS g FROM ev WHERE 1 = 0"
      : several
        ? `SELECT u, t, unnest(CASE e ${perEvent.join("")}END) AS g FROM ev`
        : `SELECT u, t, g FROM (SELECT u, t, CASE e ${perEvent.join("")}END AS g FROM ev) h WHERE g IS NOT NULL`;
  ctes.push(`hits ${once ? "AS" : d.cteAs} (${hits})`);
  return ctes;
}

type Out = (
  section: string,
  cols: Partial<Record<(typeof resultColumns)[number], string>>,
  rest: string,
) => string;

export function predicateSql(p: ParamPredicate, paramCol: Map<string, string>, d: Dialect): string {
  const col =
    "urlPart" in p.value
      ? p.value.urlPart === "path"
        ? "url_path"
        : "url_host"
      : paramCol.get(p.value.param);
  const cmps: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };
  const cmp = cmps[p.op];
  let sql: string;
  if (cmp) {
    // A URL part is never a number: the condition cannot hold.
    sql = "urlPart" in p.value ? "FALSE" : `${col}_n ${cmp} ${Number(p.operand)}`;
  } else {
    const s = "urlPart" in p.value ? String(col) : `${col}_s`;
    const x = p.ignoreCase && p.op !== "matches" ? `LOWER(${s})` : s;
    const v = p.ignoreCase && p.op !== "matches" ? String(p.operand).toLowerCase() : String(p.operand);
    if (p.op === "equals") sql = `${x} = ${d.str(v)}`;
    else if (p.op === "contains") sql = `STRPOS(${x}, ${d.str(v)}) > 0`;
    else if (p.op === "starts_with") sql = `STARTS_WITH(${x}, ${d.str(v)})`;
    else if (p.op === "ends_with") sql = `ENDS_WITH(${x}, ${d.str(v)})`;
    else sql = d.regexContains(x, (p.ignoreCase ? "(?i)" : "") + v);
  }
  return p.negate ? `NOT COALESCE(${sql}, FALSE)` : `COALESCE(${sql}, FALSE)`;
}

/** The end of the range's first `window` of (UTC) days, in µs: the range-edge section's bound. */
export function edgeEndMicros(startDate: string, windowSeconds: number): number {
  return (utcDayMs(startDate) + Math.max(1, Math.ceil(windowSeconds / 86400)) * 86_400_000) * 1000;
}

function pairSql(q: ExportQuery, d: Dialect, ctes: string[], selects: string[], out: Out): void {
  const pairs = q.pairs.filter((p) => p.microId !== p.macroId);
  if (pairs.length === 0) return;
  const lit = d.str;
  const code = goalCode(q);
  const pairIds = pairs.map(
    (p, k) =>
      `SELECT ${k} AS k, ${lit(p.microId)} AS micro, ${code(p.microId)} AS micro_g, ${lit(p.macroId)} AS macro, ` +
      `${code(p.macroId)} AS macro_g, ${p.windowSeconds * MICROS} AS w, ` +
      `${edgeEndMicros(q.startDate, p.windowSeconds)} AS edge_end`,
  );
  ctes.push(`pair_ids AS (${pairIds.join(" UNION ALL ")})`);
  const inList = (ids: string[]) => [...new Set(ids.map(code))].sort((a, b) => a - b).join(", ");
  const macros = pairs.map((p) => p.macroId);
  const micros = pairs.map((p) => p.microId);
  const maxWindow = Math.max(...pairs.map((p) => p.windowSeconds)) * MICROS;
  // A join instead of window passes over every goal event: macro conversions are rare, so each
  // one meets only its own user's micro events in the window, and nothing the size of the event
  // table is sorted.
  // pair_base: every macro event with a micro of the same user in [t − W, t), and the earliest one
  // (a repeated macro row joins the same micros, and the grouping folds it: no DISTINCT needed).
  ctes.push(
    `pair_base AS (SELECT pi.k, m.u, m.t, MIN(s.t) AS fm ` +
      `FROM (SELECT u, t, g FROM hits WHERE g IN (${inList(macros)})) m ` +
      `JOIN (SELECT u, t, g FROM hits WHERE g IN (${inList(micros)})) s ON s.u = m.u AND s.t < m.t AND s.t >= m.t - ${maxWindow} ` +
      "JOIN pair_ids pi ON pi.macro_g = m.g AND pi.micro_g = s.g " +
      "WHERE s.t >= m.t - pi.w GROUP BY pi.k, m.u, m.t)",
  );
  // Time to convert: from the earliest micro in the window to the user's first converting macro
  // (one pair_base row per k, u, t, so the earliest t names one row).
  ctes.push(
    "pair_first AS (SELECT k, u, MIN(t) AS t2, MIN_BY(t - fm, t) AS dt FROM pair_base GROUP BY k, u)",
  );
  // Users who did both goals of a pair (for "macro without micro"), and those of them whose first
  // macro fell in the range's first window (for the range edge).
  ctes.push(
    "pair_both AS (SELECT pi.k, COUNT(*) AS n, SUM(CASE WHEN b.ft < pi.edge_end THEN 1 ELSE 0 END) AS ne " +
      "FROM pair_ids pi JOIN goal_users a ON a.g = pi.micro_g " +
      `JOIN (SELECT u, g, ft FROM goal_users WHERE g IN (${inList(macros)})) b ON b.u = a.u AND b.g = pi.macro_g GROUP BY pi.k)`,
  );
  selects.push(
    out(
      "pair",
      {
        a: "pi.micro",
        b: "pi.macro",
        n1: "COALESCE(gm.n, 0)",
        n2: "COALESCE(pc.n, 0)",
        n3: "COALESCE(gx.n, 0)",
        n4: "COALESCE(gx.n, 0) - COALESCE(pb.n, 0)",
      },
      "FROM pair_ids pi LEFT JOIN goal_count gm ON gm.g = pi.micro_g LEFT JOIN goal_count gx ON gx.g = pi.macro_g " +
        "LEFT JOIN (SELECT k, COUNT(*) AS n FROM pair_first GROUP BY k) pc ON pc.k = pi.k " +
        "LEFT JOIN pair_both pb ON pb.k = pi.k",
    ),
    // Range edge: users without the micro goal whose macro fell in the range's first window of days
    // (their micro goal may predate the range): the same upper bound as the Data API path's.
    // (all such macro users minus those who also did the micro goal; only pairs with any)
    out(
      "edge",
      { a: "pi.micro", b: "pi.macro", n1: "e.n - COALESCE(pb.ne, 0)" },
      "FROM pair_ids pi JOIN (SELECT pi2.k, COUNT(*) AS n FROM pair_ids pi2 JOIN goal_users m " +
        "ON m.g = pi2.macro_g AND m.ft < pi2.edge_end GROUP BY pi2.k) e ON e.k = pi.k " +
        "LEFT JOIN pair_both pb ON pb.k = pi.k WHERE e.n - COALESCE(pb.ne, 0) > 0",
    ),
  );
  const secs = `dt / ${MICROS}`;
  ctes.push(
    `pair_pct AS (SELECT k, dt, ${d.percentile(secs, 0.5, "k")} AS p50, ` +
      `${d.percentile(secs, 0.9, "k")} AS p90 FROM pair_first)`,
  );
  selects.push(
    out(
      "time",
      { a: "pi.micro", b: "pi.macro", n1: "COUNT(*)", x1: "MAX(pp.p50)", x2: "MAX(pp.p90)" },
      "FROM pair_pct pp JOIN pair_ids pi ON pi.k = pp.k GROUP BY pi.micro, pi.macro",
    ),
  );
}

function funnelSql(q: ExportQuery, d: Dialect, ctes: string[], selects: string[], out: Out): void {
  const lit = d.str;
  // One CTE per distinct "step events reached from these events" (funnels often share their first
  // steps); what a step's users are read from: a via CTE, or the goal's hits (its users are counted
  // in goal_count already).
  const vias = new Map<string, string>();
  const code = goalCode(q);
  q.funnels.forEach((f, i) => {
    let reached = { rows: "", key: "" };
    f.steps.forEach((goalId, s) => {
      let via = "";
      if (s > 0) {
        // via: step events with a reached previous-step event in [t − W, t) (strictly before), i.e.
        // whose latest earlier previous-step event is at most W old. A running MAX (step rows sort
        // first at equal t, so a same-time previous step is not "before"; their own pt is NULL, so
        // the frame may end at the current row) needs no framed window.
        const key = `${reached.key} > ${goalId} within ${f.windowSeconds}`;
        via = vias.get(key) ?? `fu${i}_v${s}`;
        if (!vias.has(key)) {
          vias.set(key, via);
          ctes.push(
            `${via} AS (SELECT u, t FROM (SELECT u, t, is_step, MAX(pt) OVER (PARTITION BY u ORDER BY t, is_step DESC ` +
              `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS prev ` +
              `FROM (SELECT u, t, t AS pt, 0 AS is_step FROM ${reached.rows} ` +
              `UNION ALL SELECT u, t, CAST(NULL AS ${d.int}) AS pt, 1 AS is_step FROM hits WHERE g = ${code(goalId)}) z) y ` +
              `WHERE is_step = 1 AND prev >= t - ${f.windowSeconds * MICROS})`,
          );
        }
        selects.push(
          out(
            "continued",
            {
              a: lit(f.funnelId),
              b: lit(f.steps[s - 1] as string),
              n1: "COUNT(DISTINCT u)",
              n2: String(s - 1),
            },
            `FROM ${via}`,
          ),
        );
      }
      // Reached: closed funnels only via the previous step; open funnels let users enter anywhere.
      const cols = { a: lit(f.funnelId), b: lit(goalId), n2: String(s) };
      if (s === 0 || f.open) {
        reached = { rows: `hits WHERE g = ${code(goalId)}`, key: `hits ${goalId}` };
        selects.push(
          out("funnel", { ...cols, n1: "COALESCE(SUM(n), 0)" }, `FROM goal_count WHERE g = ${code(goalId)}`),
        );
      } else {
        reached = { rows: via, key: via };
        selects.push(out("funnel", { ...cols, n1: "COUNT(DISTINCT u)" }, `FROM ${via}`));
      }
    });
  });
}

function pathSql(q: ExportQuery, d: Dialect, ctes: string[], selects: string[], out: Out): void {
  const micros = q.goals.filter((g) => g.kind === "micro").map((g) => g.goalId);
  const macros = q.goals.filter((g) => g.kind === "macro").map((g) => g.goalId);
  if (macros.length === 0 || q.topPaths <= 0) return;
  const code = goalCode(q);
  const inList = (ids: string[]) => (ids.length ? ids.map(code).join(", ") : "-1");
  // The micro goal events in the window before each conversion, immediate repeats collapsed
  // (view_item, view_item → view_item); rn 1 is the step right before the conversion.
  ctes.push(
    `path_join AS (SELECT c.g AS macro, c.u, c.t AS ct, s.g AS step, s.t AS st ` +
      `FROM (SELECT DISTINCT g, u, t FROM hits WHERE g IN (${inList(macros)})) c ` +
      `LEFT JOIN (SELECT u, t, g FROM hits WHERE g IN (${inList(micros)})) s ` +
      `ON s.u = c.u AND s.t < c.t AND s.t >= c.t - ${q.pathWindowSeconds * MICROS})`,
  );
  ctes.push(
    "path_dedup AS (SELECT macro, u, ct, step, st, LAG(step) OVER (PARTITION BY macro, u, ct ORDER BY st, step) AS prev " +
      "FROM path_join)",
  );
  ctes.push(
    "path_steps AS (SELECT macro, u, ct, step, ROW_NUMBER() OVER (PARTITION BY macro, u, ct ORDER BY st DESC, step DESC) AS rn " +
      "FROM path_dedup WHERE prev IS NULL OR prev <> step)",
  );
  const L = Math.max(1, q.pathLength);
  const at = (n: number) => goalName(q, `MAX(CASE WHEN rn = ${n} THEN step END)`, d);
  // Oldest kept step first; rn 1 is the step right before the conversion.
  const parts = [];
  for (let n = L; n > 1; n--) parts.push(`COALESCE(${at(n)} || ' > ', '')`);
  parts.push(`COALESCE(${at(1)}, '(none)')`);
  ctes.push(
    `path_conv AS (SELECT macro, u, ct, ${parts.join(" || ")} AS path FROM path_steps GROUP BY macro, u, ct)`,
  );
  ctes.push(
    "path_rank AS (SELECT macro, path, COUNT(*) AS n, COUNT(DISTINCT u) AS users, " +
      "SUM(COUNT(*)) OVER (PARTITION BY macro) AS total, " +
      "ROW_NUMBER() OVER (PARTITION BY macro ORDER BY COUNT(*) DESC, path) AS rk FROM path_conv GROUP BY macro, path)",
  );
  selects.push(
    out(
      "path",
      { a: goalName(q, "macro", d), b: "path", n1: "n", n2: "users", n3: "total" },
      `FROM path_rank WHERE rk <= ${q.topPaths}`,
    ),
  );
}
