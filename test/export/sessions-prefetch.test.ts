// The adjusted effects' sessions query started early on its own connection (sessions-prefetch.ts)
// answers exactly as the query run in its turn; any other query, or a prefetch that failed, runs on
// the caller's connection; large exports and reports without secondary pairs are not prefetched.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEventDates } from "../../src/report/sources/export/event-dates.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import type { Columns } from "../../src/report/sources/export/read-exposure.js";
import { duckDbConfig } from "../../src/report/sources/files/duckdb-config.js";
import { chunksWithPrefetched, duckDbChunks } from "../../src/report/sources/files/effects-chunks.js";
import { type ExportFiles, openExportFiles } from "../../src/report/sources/files/export-files.js";
import { prefetchSessions } from "../../src/report/sources/files/sessions-prefetch.js";
import { exportDir, goal, merchMicros, merchProject } from "./merch-project.js";

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let files: ExportFiles;
let days: string[];

beforeAll(async () => {
  instance = await DuckDBInstance.create(
    ":memory:",
    duckDbConfig({}, mkdtempSync(join(tmpdir(), "mg-prefetch-"))),
  );
  conn = await instance.connect();
  files = await openExportFiles(conn, join(exportDir, "*.parquet"));
  days = await checkEventDates(conn, files);
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const secondary = () =>
  merchProject([
    goal("purchase", "macro"),
    ...merchMicros.map((m) => goal(m, "micro", { role: "secondary" })),
  ]);

/** Every chunk's columns, concatenated, as plain arrays. */
async function collect(
  run: (onChunk: (c: Columns) => void) => Promise<void>,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  await run((cols) => {
    for (const [k, v] of Object.entries(cols)) {
      out[k] ??= [];
      out[k].push(...Array.from(v as ArrayLike<unknown>));
    }
  });
  return out;
}

/** Rows as sorted strings: the sessions query has no order. */
function rowsOf(cols: Record<string, unknown[]>): string[] {
  const names = Object.keys(cols).sort();
  const n = cols[names[0]!]!.length;
  return Array.from({ length: n }, (_, i) => JSON.stringify(names.map((k) => cols[k]![i]))).sort();
}

describe("the sessions query started early", () => {
  it("answers as the query run in its turn, without running it again", async () => {
    const project = secondary();
    const { query } = exportQuery(project, { since: days[0]!, until: days.at(-1)! });
    const prefetch = await prefetchSessions(instance, project, query, files);
    expect(prefetch).toBeDefined();
    // A connection that is already closed: only the prefetched result can answer.
    const closed = await instance.connect();
    closed.closeSync();
    const early = await collect((f) =>
      chunksWithPrefetched(closed, prefetch!.sql, prefetch!.result, prefetch!.conn)(prefetch!.sql, f),
    );
    await prefetch!.close();
    const inTurn = await collect((f) => duckDbChunks(conn)(prefetch!.sql, f));
    expect(early.kh?.length).toBeGreaterThan(20_000);
    expect(rowsOf(early)).toEqual(rowsOf(inTurn));
  });

  it("runs any other query, and a prefetch that failed, on the caller's connection", async () => {
    await conn.run("CREATE TEMP TABLE only_here AS SELECT 1.5::DOUBLE AS x");
    // Another connection cannot see this connection's temporary table: as with offline outcomes.
    const other = await instance.connect();
    const failed = other.run("SELECT x FROM only_here");
    await expect(failed).rejects.toThrow(/only_here/);
    const run = chunksWithPrefetched(conn, "SELECT x FROM only_here", failed, other);
    expect((await collect((f) => run("SELECT x FROM only_here", f))).x).toEqual([1.5]);
    expect((await collect((f) => run("SELECT 2.5::DOUBLE AS y", f))).y).toEqual([2.5]);
    other.closeSync();
  });

  it("is left for its turn past the size limit, and without secondary pairs", async () => {
    const project = secondary();
    const { query } = exportQuery(project, { since: days[0]!, until: days.at(-1)! });
    expect(await prefetchSessions(instance, project, query, files, 1_000_000)).toBeUndefined();
    const milestones = merchProject([
      goal("purchase", "macro"),
      ...merchMicros.map((m) => goal(m, "micro", { role: "milestone" })),
    ]);
    const q2 = exportQuery(milestones, { since: days[0]!, until: days.at(-1)! }).query;
    expect(await prefetchSessions(instance, milestones, q2, files)).toBeUndefined();
  });
});
