// Discovery's counts over GA4 export files, by embedded DuckDB: the shared discovery SQL
// (export/discover-query.ts) with each part made a temp table once. Only one row per candidate and
// half comes back.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../../../errors.js";
import type { CandidateCounts, CandidateDefinition } from "../../discover/candidate.js";
import { duckdb } from "../export/dialect.js";
import { discoverPairsSql, discoverParts } from "../export/discover-query.js";
import { type DiscoverRow, fold, halfTotals, iso, totalEvents } from "../export/discover-rows.js";
import { duckdbApi } from "./duckdb-api.js";
import { duckDbConfig } from "./duckdb-config.js";
import { openExportFiles } from "./export-files.js";

const { DuckDBInstance } = duckdbApi;

export interface DiscoverCountsOptions {
  files: string;
  /** YYYY-MM-DD; default the files' own span */
  since?: string;
  until?: string;
  macroEvent: string;
  windowSeconds: number;
  /** pick the candidates to pair from the discovery half's counts */
  choosePairs?: (singles: CandidateCounts[]) => CandidateDefinition[];
}

export interface DiscoverCounts {
  candidates: CandidateCounts[];
  since: string;
  until: string;
  events: number;
}

/** Events whose candidates are aggregated at once (about 200 MB of DuckDB state). */
const EVENTS_PER_SLICE = 2_000_000;

export async function discoverCounts(opts: DiscoverCountsOptions): Promise<DiscoverCounts> {
  const spill = await mkdtemp(join(tmpdir(), "microgoals-discover-"));
  const instance = await DuckDBInstance.create(":memory:", duckDbConfig({}, spill));
  const conn = await instance.connect();
  const all = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  try {
    const files = await openExportFiles(conn, opts.files);
    const span = (
      await all(`SELECT min(event_date) AS lo, max(event_date) AS hi FROM ${files.source.from}`)
    )[0];
    if (!span?.lo) throw new UserError(`the files matching ${opts.files} hold no events`);
    const q = {
      startDate: (opts.since ?? iso(String(span.lo))).replaceAll("-", ""),
      endDate: (opts.until ?? iso(String(span.hi))).replaceAll("-", ""),
      macroEvent: opts.macroEvent,
      windowSeconds: opts.windowSeconds,
    };
    const sql = discoverParts(q, files.source, duckdb);
    const part = new Map(sql.parts);
    // The raw events (with their parameters) are never held: a view, read where needed. Users are
    // one row each: a table. The first times per user and candidate are aggregated a slice of users
    // at a time (by a hash other than the halves'), so the aggregation stays under the memory cap at
    // ten million events; the slices' rows are additive, each user being in exactly one.
    await conn.run(`CREATE TEMP VIEW raw_all AS ${part.get("raw")}`);
    await conn.run("CREATE TEMP VIEW raw AS SELECT * FROM raw_all");
    await conn.run(`CREATE TEMP TABLE users AS ${part.get("users")}`);
    const totals = await all(sql.totals);
    const total = halfTotals(totals);
    const events = totalEvents(totals);
    const slices = Math.max(1, Math.ceil(events / EVENTS_PER_SLICE));
    for (let i = 0; i < slices; i++) {
      if (slices > 1)
        await conn.run(
          `CREATE OR REPLACE TEMP VIEW raw AS SELECT * FROM raw_all WHERE hash(u || '#slice') % ${slices} = ${i}`,
        );
      await conn.run(
        i === 0 ? `CREATE TEMP TABLE uc AS ${part.get("uc")}` : `INSERT INTO uc ${part.get("uc")}`,
      );
    }
    const counted = fold((await all(sql.singles)) as unknown as DiscoverRow[], total);
    const period = { since: iso(q.startDate), until: iso(q.endDate), events };
    const pairs = (opts.choosePairs?.(counted) ?? []).filter((d) => !d.minCount && !d.and);
    if (pairs.length < 2) return { candidates: counted, ...period };
    const combos = (await all(discoverPairsSql(pairs, q, duckdb))) as unknown as DiscoverRow[];
    return { candidates: [...counted, ...fold(combos, total)], ...period };
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}
