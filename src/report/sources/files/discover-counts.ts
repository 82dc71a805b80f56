// Discovery's counts over GA4 export files, by embedded DuckDB: for every candidate (every event,
// event × common parameter value, frequency thresholds, and pairs of the strongest) and for each
// half of the users (split by a hash of the user id), the crude 2×2 the report uses. DuckDB does
// the heavy lifting; only one row per candidate and half comes back.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { UserError } from "../../../errors.js";
import {
  CANDIDATE_PARAMS,
  type CandidateCounts,
  type CandidateDefinition,
  type HalfCounts,
  kindOf,
  THRESHOLD_COUNTS,
  THRESHOLD_DAYS,
} from "../../discover/candidate.js";
import { duckdb } from "../export/dialect.js";
import { openExportFiles } from "./export-files.js";
import { duckDbConfig } from "./files-source.js";

export interface DiscoverCountsOptions {
  files: string;
  /** YYYY-MM-DD; default the files' own span */
  since?: string;
  until?: string;
  macroEvent: string;
  windowSeconds: number;
  /** how many of the strongest single candidates are paired into combinations */
  pairTop?: number;
  /** pick the candidates to pair from the discovery half's counts */
  choosePairs?: (singles: CandidateCounts[]) => CandidateDefinition[];
}

export interface DiscoverCounts {
  candidates: CandidateCounts[];
  since: string;
  until: string;
  events: number;
}

const DAY_US = 86_400_000_000;
// A thank-you page is seen a moment before the conversion event fires: "at or after converting".
const AT_CONVERSION_US = 60_000_000;

interface Row {
  e: string;
  pk: string;
  pv: string;
  n: number;
  days: number;
  be: string | null;
  bpk: string | null;
  bpv: string | null;
  half: string;
  doers: number;
  conv_after: number;
  doer_converters: number;
  conv_before: number;
  only_after: number;
}

export async function discoverCounts(opts: DiscoverCountsOptions): Promise<DiscoverCounts> {
  const spill = await mkdtemp(join(tmpdir(), "microgoals-discover-"));
  const instance = await DuckDBInstance.create(":memory:", duckDbConfig({ files: opts.files }, spill));
  const conn = await instance.connect();
  const all = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  try {
    const files = await openExportFiles(conn, opts.files);
    const span = (
      await all(`SELECT min(event_date) AS lo, max(event_date) AS hi FROM ${files.source.from}`)
    )[0];
    if (!span?.lo) throw new UserError(`the files matching ${opts.files} hold no events`);
    const since = (opts.since ?? iso(String(span.lo))).replaceAll("-", "");
    const until = (opts.until ?? iso(String(span.hi))).replaceAll("-", "");
    const macro = duckdb.str(opts.macroEvent);
    const keys = CANDIDATE_PARAMS.map((k) => duckdb.str(k === "page_path" ? "page_location" : k)).join(", ");
    await conn.run(`CREATE TEMP TABLE raw AS
      SELECT user_pseudo_id AS u, event_timestamp AS t, event_name AS e, event_params AS p
      FROM ${files.source.from}
      WHERE event_date BETWEEN ${duckdb.str(since)} AND ${duckdb.str(until)} AND user_pseudo_id IS NOT NULL`);
    const events = Number((await all("SELECT count(*) AS n FROM raw"))[0]?.n ?? 0);
    // A deterministic half per user: the same user is in the same half on every run.
    await conn.run(`CREATE TEMP TABLE users AS
      SELECT u, min(t) AS first_t, min(t) FILTER (WHERE e = ${macro}) AS conv_t,
             CASE WHEN hash(u) % 2 = 0 THEN 'discovery' ELSE 'confirmation' END AS half
      FROM raw GROUP BY u`);
    // Parameters are unnested once, only for the keys a candidate can use.
    await conn.run(`CREATE TEMP TABLE uc AS
      WITH params AS (
        SELECT u, t, e, x.key AS k, coalesce(x.value.string_value, CAST(x.value.int_value AS VARCHAR)) AS v
        FROM (SELECT u, t, e, unnest(p) AS x FROM raw WHERE e <> ${macro})
        WHERE x.key IN (${keys})
      ), occ AS (
        SELECT u, t, e, '' AS pk, '' AS pv FROM raw WHERE e <> ${macro}
        UNION ALL
        SELECT u, t, e,
          CASE WHEN k = 'page_location' THEN 'page_path' ELSE k END,
          CASE WHEN k = 'page_location' THEN regexp_extract(v, '^[A-Za-z]+://[^/]+(/[^/?#]*)', 1) ELSE v END
        FROM params
      )
      SELECT u, e, pk, pv, list_sort(list(t))[1:10] AS ts
      FROM occ WHERE pv IS NOT NULL AND (pk = '' OR pv <> '')
      GROUP BY u, e, pk, pv`);
    const defs = [
      "(0, 0)",
      ...THRESHOLD_COUNTS.flatMap((n) => THRESHOLD_DAYS.map((d) => `(${n}, ${d})`)),
    ].join(", ");
    const w = Math.round(opts.windowSeconds * 1e6);
    const aggregates = `
      count(*) FILTER (WHERE x_t IS NOT NULL) AS doers,
      count(*) FILTER (WHERE x_t IS NOT NULL AND conv_t > x_t AND conv_t <= x_t + ${w}) AS conv_after,
      count(*) FILTER (WHERE x_t IS NOT NULL AND conv_t IS NOT NULL) AS doer_converters,
      count(*) FILTER (WHERE x_t IS NOT NULL AND conv_t IS NOT NULL AND x_t < conv_t) AS conv_before,
      count(*) FILTER (WHERE x_t IS NOT NULL AND conv_t IS NOT NULL AND x_t >= conv_t - ${AT_CONVERSION_US}) AS only_after`;
    const singles = (await all(`
      WITH expo AS (
        SELECT uc.e, uc.pk, uc.pv, d.n, d.days, us.conv_t, us.half,
          CASE WHEN d.n = 0 THEN ts[1]
               WHEN len(ts) >= d.n AND ts[d.n] <= us.first_t + d.days * ${DAY_US} THEN ts[d.n] END AS x_t
        FROM uc JOIN users us USING (u) CROSS JOIN (VALUES ${defs}) AS d(n, days)
        WHERE d.n = 0 OR uc.pk = ''
      )
      SELECT e, pk, pv, n, days, NULL AS be, NULL AS bpk, NULL AS bpv, half, ${aggregates}
      FROM expo GROUP BY ALL HAVING count(*) FILTER (WHERE x_t IS NOT NULL) > 0`)) as unknown as Row[];
    const totals = await all(
      "SELECT half, count(*) AS users, count(conv_t) AS converters FROM users GROUP BY half",
    );
    const total = new Map(
      totals.map((t) => [String(t.half), { users: Number(t.users), converters: Number(t.converters) }]),
    );
    const counted = fold(singles, total);
    const pairs = (opts.choosePairs?.(counted) ?? []).filter((d) => !d.minCount && !d.and);
    if (pairs.length < 2) return { candidates: counted, since: iso(since), until: iso(until), events };
    const chosen = pairs.map(
      (d) => `(${duckdb.str(d.event)}, ${duckdb.str(d.param ?? "")}, ${duckdb.str(d.value ?? "")})`,
    );
    const combos = (await all(`
      WITH pick AS (SELECT * FROM uc WHERE (e, pk, pv) IN (${chosen.join(", ")})),
      expo AS (
        SELECT a.e, a.pk, a.pv, 0 AS n, 0 AS days, b.e AS be, b.pk AS bpk, b.pv AS bpv,
               greatest(a.ts[1], b.ts[1]) AS x_t, us.conv_t, us.half
        FROM pick a JOIN pick b ON a.u = b.u AND (a.e || a.pk || a.pv) < (b.e || b.pk || b.pv)
        JOIN users us ON us.u = a.u
      )
      SELECT e, pk, pv, n, days, be, bpk, bpv, half, ${aggregates} FROM expo GROUP BY ALL`)) as unknown as Row[];
    return { candidates: [...counted, ...fold(combos, total)], since: iso(since), until: iso(until), events };
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}

/** One CandidateCounts per candidate, from its rows per half (a half without a row: no doers). */
function fold(rows: Row[], total: Map<string, { users: number; converters: number }>): CandidateCounts[] {
  const byKey = new Map<string, { definition: CandidateDefinition; halves: Map<string, Row> }>();
  for (const r of rows) {
    const definition = definitionOf(r);
    const key = JSON.stringify(definition);
    const entry = byKey.get(key) ?? { definition, halves: new Map() };
    entry.halves.set(String(r.half), r);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ definition, halves }) => ({
    definition,
    kind: kindOf(definition),
    discovery: half(halves.get("discovery"), total.get("discovery")),
    confirmation: half(halves.get("confirmation"), total.get("confirmation")),
  }));
}

function definitionOf(r: Row): CandidateDefinition {
  const one = (e: string, pk: string, pv: string): CandidateDefinition =>
    pk ? { event: e, param: pk, value: pv } : { event: e };
  const d = one(r.e, r.pk, r.pv);
  if (Number(r.n) > 0) Object.assign(d, { minCount: Number(r.n), withinDays: Number(r.days) });
  if (r.be !== null) d.and = one(r.be, r.bpk ?? "", r.bpv ?? "");
  return d;
}

function half(r: Row | undefined, t: { users: number; converters: number } | undefined): HalfCounts {
  const users = t?.users ?? 0;
  const converters = t?.converters ?? 0;
  const doers = Number(r?.doers ?? 0);
  const doerConverters = Number(r?.doer_converters ?? 0);
  return {
    users,
    doers,
    convertedAfter: Number(r?.conv_after ?? 0),
    nonDoers: users - doers,
    nonDoersConverted: converters - doerConverters,
    converters,
    convertersBefore: Number(r?.conv_before ?? 0),
    onlyAfterConverting: Number(r?.only_after ?? 0),
  };
}

function iso(yyyymmdd: string): string {
  const s = yyyymmdd.replaceAll("-", "");
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
