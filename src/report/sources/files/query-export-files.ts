// Plain SQL over export files for callers outside the report (microgoals score): DuckDB opened with
// the report's bounded settings, the files checked as the report checks them, each statement's rows
// returned as plain objects, everything closed after.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RowSource } from "../export/analysis-query.js";
import { duckdbApi } from "./duckdb-api.js";
import { duckDbConfig } from "./duckdb-config.js";
import { measureProgress, watchProgress } from "./engine-progress.js";
import { openExportFiles } from "./export-files.js";

const { DuckDBInstance } = duckdbApi;

export async function queryExportFiles(
  pattern: string,
  statements: (source: RowSource) => string[],
): Promise<Record<string, unknown>[][]> {
  const spill = await mkdtemp(join(tmpdir(), "microgoals-duckdb-"));
  const instance = await DuckDBInstance.create(":memory:", duckDbConfig({}, spill));
  const conn = await instance.connect();
  try {
    const files = await openExportFiles(conn, pattern);
    await measureProgress(conn);
    const out: Record<string, unknown>[][] = [];
    const all = statements(files.source);
    for (const [i, sql] of all.entries()) {
      // each statement its share of the stage's progress
      const stop = watchProgress(conn, (done) => (i + done) / all.length);
      out.push((await conn.runAndReadAll(sql).finally(stop)).getRowObjectsJS());
    }
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}
