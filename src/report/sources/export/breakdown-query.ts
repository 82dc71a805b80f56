// The breakdown (`report --by`) as one SQL statement over GA4 export rows, in the dialect-neutral
// subset analysis-query.ts uses, so DuckDB and BigQuery answer it alike. It counts what the
// unsegmented query counts (users, goal users, micro → macro conversions in the window, users who
// did both), grouped by segment.
//
// A segment member is a user (first_visit scope: the values of the user's first event in the range)
// or a user's session (session scope: the session's values), and every goal event is counted in
// the segment of its user or session; conversions count only when micro and macro fall in the same
// segment. Dimension values: traffic_source.{source,medium,name} (first visit) or the session's
// first source/medium/campaign event parameters ("(direct)"/"(none)" without any, as GA4 labels
// sessions with no campaign data); device.category; geo.country; the page path of the first
// page_view; ga_session_number 1 = "new". Missing values are "(not set)".

import { CHANNEL_RULES, type FieldTest, UNASSIGNED } from "../../breakdown/channel-group.js";
import type { BreakdownRequest, Dimension } from "../../breakdown/dimensions.js";
import { NOT_SET, PAGE_PATH_PATTERN } from "../../query-plan.js";
import { type ExportQuery, predicateSql, type RowSource } from "./analysis-query.js";
import type { Dialect } from "./dialect.js";
import { type ParamRead, paramReads, readsUrl } from "./goal-matcher.js";
import { paramColumns } from "./param-columns.js";

/** Which optional export columns the rows have (files written by other tools may lack them). */
export interface BreakdownColumns {
  trafficSource: boolean;
  device: boolean;
  geo: boolean;
}

export const breakdownResultColumns = ["section", "s1", "s2", "a", "b", "n"] as const;

const MICROS = 1_000_000;

export function breakdownSql(
  q: ExportQuery,
  req: BreakdownRequest,
  src: RowSource,
  cols: BreakdownColumns,
  d: Dialect,
  /** counts: the segment counts; timelines: per member, the first day of each goal (predict.ts) */
  mode: "counts" | "timelines" = "counts",
): string {
  const lit = d.str;
  const session = req.scope === "session";
  const user = src.hasUserId ? "COALESCE(user_id, user_pseudo_id)" : "user_pseudo_id";
  const dateFilter = [
    `event_date BETWEEN ${lit(q.startDate)} AND ${lit(q.endDate)}`,
    ...(src.where ? [`(${src.where})`] : []),
  ].join(" AND ");
  const dims = new Set(req.dimensions);
  const reads = withLanding(paramReads(q.goals), dims.has("landing_page"));
  const paramCol = new Map(reads.map((r, i) => [r.key, `p${i}`]));
  const needsUrl = readsUrl(q.goals);
  const events = [...new Set(q.goals.map((g) => g.event))].sort();
  const nullStr = `CAST(NULL AS ${d.string})`;
  const has = (on: boolean, expr: string) => (on ? expr : nullStr);
  const needsTraffic = ["channel", "source", "medium", "campaign"].some((x) => dims.has(x as Dimension));

  // Every event of the range, with what segments need: segments are defined by all events, not
  // only goal events (a user's first visit is rarely a goal).
  // Event parameters are the costly part of the scan: only those the request needs, each found
  // once per row (its value struct, read as text or number above it), and a goal condition's only
  // on the events whose goals read it. Found once per form and value type on every event, the
  // merch example's page-path goal took its `--by device` on 10M generated events 20.6 s (now 16.1).
  const everyRow = [
    ...(session ? [["ga_session_id", "sid"]] : []),
    ...(dims.has("new_vs_returning") ? [["ga_session_number", "sn"]] : []),
    ...(needsTraffic && session
      ? [
          ["source", "ps_s"],
          ["medium", "ps_m"],
          ["campaign", "ps_c"],
        ]
      : []),
  ];
  const keyed = everyRow.length > 0 && d.name === "duckdb";
  const value = (key: string) => d.paramValue(key, keyed ? "param_keys" : undefined);
  const goalParams = paramColumns(reads, paramCol, d, value);
  const found = [
    ...everyRow.map(([key, name]) => `${value(key as string)} AS ${name}_v`),
    ...goalParams.found,
  ];
  const forms = [
    ...(session ? [`COALESCE(${d.valueText("sid_v")}, ${lit("(none)")}) AS sid`] : []),
    `${dims.has("new_vs_returning") ? d.valueNumber("sn_v") : `CAST(NULL AS ${d.float})`} AS sn`,
    ...(needsTraffic && session
      ? ["ps_s", "ps_m", "ps_c"].map((n) => `${d.valueText(`${n}_v`)} AS ${n}`)
      : []),
    ...goalParams.forms,
  ];
  const plainCols = [
    `${user} AS u`,
    "event_timestamp AS t",
    "event_date AS dd",
    "event_name AS e",
    `${has(cols.device && dims.has("device"), "device.category")} AS dev`,
    `${has(cols.geo && dims.has("country"), "geo.country")} AS ctry`,
    ...(needsTraffic && !session
      ? [
          `${has(cols.trafficSource, "traffic_source.source")} AS ts_s`,
          `${has(cols.trafficSource, "traffic_source.medium")} AS ts_m`,
          `${has(cols.trafficSource, "traffic_source.name")} AS ts_n`,
        ]
      : []),
  ];
  const names = plainCols.map((c) => c.slice(c.lastIndexOf(" AS ") + 4));
  const from = keyed ? d.withParamKeys(src.from, "param_keys") : src.from;
  const ctes: string[] = [];
  ctes.push(
    `allev ${d.cteAs} (SELECT ${[...names, ...forms].join(", ")} FROM ` +
      `(SELECT ${[...plainCols, ...found].join(", ")} FROM ${from} WHERE ${dateFilter}) z)`,
  );
  const loc = paramCol.has("page_location") ? `${paramCol.get("page_location")}_s` : "NULL";
  const pathOf = (expr: string) =>
    `CASE WHEN ${expr} IS NULL THEN ${lit(NOT_SET)} ELSE COALESCE(NULLIF(${d.regexExtract(expr, PAGE_PATH_PATTERN)}, ''), '/') END`;
  const goalEvents = `e IN (${events.map(lit).join(", ") || lit("")})`;
  ctes.push(
    needsUrl
      ? `ev AS (SELECT *, ${pathOf(loc)} AS url_path, ${d.regexExtract(loc, "^[^:/?#]+://([^/?#:]*)")} AS url_host FROM allev WHERE ${goalEvents})`
      : `ev AS (SELECT * FROM allev WHERE ${goalEvents})`,
  );
  const hitBranches = q.goals.map((g) => {
    const preds = g.predicates.map((p) => predicateSql(p, paramCol, d));
    return `SELECT u, ${session ? "sid" : "NULL AS sid"}, t, dd, ${lit(g.goalId)} AS g FROM ev WHERE e = ${lit(g.event)}${preds.map((p) => ` AND ${p}`).join("")}`;
  });
  ctes.push(`hits AS (${hitBranches.join(" UNION ALL ") || "SELECT u, t, dd, e AS g FROM ev WHERE 1 = 0"})`);

  // The member's first event (and first page_view, first campaign-tagged event where needed).
  const key = session ? ["u", "sid"] : ["u"];
  const by = key.join(", ");
  // cols: [expression, name]
  // The member's earliest rows by a grouped MIN (cheap), then ROW_NUMBER over those few rows only to
  // break ties by event name: a window over every event would sort the whole range.
  const firstOf = (name: string, cols: [string, string][], where: string) => {
    const rows = `(SELECT * FROM allev${where ? ` WHERE ${where}` : ""})`;
    const on = key.map((k) => `r.${k} = m.${k}`).join(" AND ");
    return (
      `${name} AS (SELECT ${by}, ${cols.map((c) => c[1]).join(", ")} FROM (SELECT ${key.map((k) => `r.${k}`).join(", ")}, ` +
      `${cols.map(([x, n]) => `${x.replace(/\b(dev|ctry|sn|ts_s|ts_m|ts_n|ps_s|ps_m|ps_c|loc|p\d+_s)\b/g, "r.$1")} AS ${n}`).join(", ")}, ` +
      `ROW_NUMBER() OVER (PARTITION BY ${key.map((k) => `r.${k}`).join(", ")} ORDER BY r.e) AS rn ` +
      `FROM ${rows} r JOIN (SELECT ${by}, MIN(t) AS t FROM ${rows} x GROUP BY ${by}) m ON ${on} AND r.t = m.t) z WHERE rn = 1)`
    );
  };
  const same = (...names: string[]): [string, string][] => names.map((n) => [n, n]);
  ctes.push(
    firstOf(
      "fe",
      same("dev", "ctry", "sn", ...(needsTraffic && !session ? ["ts_s", "ts_m", "ts_n"] : [])),
      "",
    ),
  );
  const joins: string[] = [];
  if (dims.has("landing_page")) {
    ctes.push(firstOf("lp", [[pathOf(loc), "path"]], `e = ${lit("page_view")}`));
    joins.push(`LEFT JOIN lp ON ${key.map((k) => `lp.${k} = fe.${k}`).join(" AND ")}`);
  }
  if (needsTraffic && session) {
    ctes.push(
      firstOf("sp", same("ps_s", "ps_m", "ps_c"), "ps_s IS NOT NULL OR ps_m IS NOT NULL OR ps_c IS NOT NULL"),
    );
    joins.push(`LEFT JOIN sp ON ${key.map((k) => `sp.${k} = fe.${k}`).join(" AND ")}`);
  }
  const orNotSet = (x: string) => `COALESCE(NULLIF(${x}, ''), ${lit(NOT_SET)})`;
  const traffic = (field: "s" | "m" | "c"): string => {
    if (!session) return orNotSet(`fe.ts_${field === "c" ? "n" : field}`);
    const none = field === "m" ? "(none)" : "(direct)";
    return `CASE WHEN sp.u IS NULL THEN ${lit(none)} ELSE ${orNotSet(`sp.ps_${field}`)} END`;
  };
  const dimSql: Record<Dimension, () => string> = {
    channel: () => channelSql(traffic("s"), traffic("m"), d),
    source: () => traffic("s"),
    medium: () => traffic("m"),
    campaign: () => traffic("c"),
    device: () => orNotSet("fe.dev"),
    country: () => orNotSet("fe.ctry"),
    landing_page: () => `COALESCE(lp.path, ${lit(NOT_SET)})`,
    new_vs_returning: () =>
      `CASE WHEN fe.sn IS NULL THEN ${lit(NOT_SET)} WHEN fe.sn <= 1 THEN 'new' ELSE 'returning' END`,
  };
  const s1 = dimSql[req.dimensions[0] as Dimension]();
  const s2 = req.dimensions[1] ? dimSql[req.dimensions[1]]() : lit("");
  ctes.push(
    `seg ${d.cteAs} (SELECT ${key.map((k) => `fe.${k}`).join(", ")}, ${s1} AS s1, ${s2} AS s2 FROM fe ${joins.join(" ")})`,
  );
  // Goal events in their member's segment; a segment member is (user, segment).
  ctes.push(
    `shits ${d.cteAs} (SELECT h.u, h.t, h.dd, h.g, s.s1, s.s2 FROM hits h JOIN seg s ON ${key.map((k) => `s.${k} = h.${k}`).join(" AND ")})`,
  );
  ctes.push("gu AS (SELECT DISTINCT u, s1, s2, g FROM shits)");

  const out = (
    section: string,
    c: { s1?: string; s2?: string; a?: string; b?: string; n: string },
    rest: string,
  ) =>
    `SELECT CAST(${lit(section)} AS ${d.string}) AS section, CAST(${c.s1 ?? "NULL"} AS ${d.string}) AS s1, ` +
    `CAST(${c.s2 ?? "NULL"} AS ${d.string}) AS s2, CAST(${c.a ?? "NULL"} AS ${d.string}) AS a, ` +
    `CAST(${c.b ?? "NULL"} AS ${d.string}) AS b, CAST(${c.n} AS ${d.int}) AS n ${rest}`;
  if (mode === "timelines") {
    const on = key.map((k) => `s.${k} = a.${k}`).join(" AND ");
    return (
      `WITH ${ctes.join(",\n")}\n` +
      `${out("seen", { s1: "s.s1", s2: "s.s2", a: "s.u", n: `MIN(CAST(a.dd AS ${d.int}))` }, `FROM allev a JOIN seg s ON ${on} GROUP BY s.s1, s.s2, s.u`)}\n` +
      `UNION ALL\n${out("first", { s1: "s1", s2: "s2", a: "u", b: "g", n: `MIN(CAST(dd AS ${d.int}))` }, "FROM shits GROUP BY s1, s2, u, g")}`
    );
  }
  const selects = [
    out("users", { s1: "s1", s2: "s2", n: "COUNT(DISTINCT u)" }, "FROM seg GROUP BY s1, s2"),
    out("goal", { s1: "s1", s2: "s2", a: "g", n: "COUNT(*)" }, "FROM gu GROUP BY s1, s2, g"),
  ];
  const pairs = q.pairs.filter((p) => p.microId !== p.macroId);
  if (pairs.length > 0) {
    const inList = (ids: string[]) => [...new Set(ids)].sort().map(lit).join(", ");
    ctes.push(
      `pair_ids AS (${pairs
        .map(
          (p, k) =>
            `SELECT ${k} AS k, ${lit(p.microId)} AS micro, ${lit(p.macroId)} AS macro, ${p.windowSeconds * MICROS} AS w`,
        )
        .join(" UNION ALL ")})`,
    );
    const maxWindow = Math.max(...pairs.map((p) => p.windowSeconds)) * MICROS;
    const same = "s.u = m.u AND s.s1 = m.s1 AND s.s2 = m.s2";
    // As in analysis-query.ts: each macro event meets its own member's micro events in [t − W, t).
    ctes.push(
      "pair_conv AS (SELECT DISTINCT pi.k, m.u, m.s1, m.s2 " +
        `FROM (SELECT DISTINCT u, s1, s2, t, g FROM shits WHERE g IN (${inList(pairs.map((p) => p.macroId))})) m ` +
        `JOIN (SELECT u, s1, s2, t, g FROM shits WHERE g IN (${inList(pairs.map((p) => p.microId))})) s ` +
        `ON ${same} AND s.t < m.t AND s.t >= m.t - ${maxWindow} ` +
        "JOIN pair_ids pi ON pi.macro = m.g AND pi.micro = s.g WHERE s.t >= m.t - pi.w)",
    );
    selects.push(
      out(
        "converted",
        { s1: "c.s1", s2: "c.s2", a: "pi.micro", b: "pi.macro", n: "COUNT(*)" },
        "FROM pair_conv c JOIN pair_ids pi ON pi.k = c.k GROUP BY c.s1, c.s2, pi.micro, pi.macro",
      ),
      out(
        "both",
        { s1: "x.s1", s2: "x.s2", a: "pi.micro", b: "pi.macro", n: "COUNT(*)" },
        "FROM pair_ids pi JOIN gu x ON x.g = pi.micro JOIN gu y ON y.u = x.u AND y.s1 = x.s1 AND y.s2 = x.s2 AND y.g = pi.macro " +
          "GROUP BY x.s1, x.s2, pi.micro, pi.macro",
      ),
    );
  }
  return `WITH ${ctes.join(",\n")}\n${selects.join("\nUNION ALL\n")}\nORDER BY section, s1, s2, a, b`;
}

/** The channel rule table (breakdown/channel-group.ts) as a CASE expression. */
export function channelSql(source: string, medium: string, d: Dialect): string {
  const field = { source: `LOWER(${source})`, medium: `LOWER(${medium})` };
  const test = (t: FieldTest) =>
    [
      ...(t.in ? [`${field[t.field]} IN (${t.in.map(d.str).join(", ")})`] : []),
      ...(t.pattern ? [d.regexContains(field[t.field], t.pattern)] : []),
    ].join(" AND ");
  const whens = CHANNEL_RULES.map(
    (r) =>
      `WHEN ${r.anyOf.map((alt) => `(${alt.map(test).join(" AND ")})`).join(" OR ")} THEN ${d.str(r.channel)}`,
  );
  return `CASE ${whens.join(" ")} ELSE ${d.str(UNASSIGNED)} END`;
}

/** How these segments are defined, in words, for every output. */
export function breakdownDefinition(req: BreakdownRequest): string {
  const source =
    req.scope === "session"
      ? "traffic: the session's first source/medium/campaign parameters ((direct)/(none) without any)"
      : "traffic: traffic_source of the user's first event in the range";
  const first = req.scope === "session" ? "the session's first event" : "that first event";
  const page = req.scope === "session" ? "the session's first page_view" : "the user's first page_view";
  return `${source}; device, country and new/returning (ga_session_number 1) of ${first}; landing page: ${page}`;
}

/** The goals' parameter reads, with page_location read as text on page_view for the landing page. */
function withLanding(reads: ParamRead[], landing: boolean): ParamRead[] {
  if (!landing) return reads;
  const loc = reads.find((r) => r.key === "page_location");
  const rest = reads.filter((r) => r !== loc);
  const events = [...new Set([...(loc?.events ?? []), "page_view"])].sort();
  return [...rest, { key: "page_location", events, text: true, number: loc?.number ?? false }].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}
