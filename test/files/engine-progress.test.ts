// The engine's progress on a query, as the report's progress: measured only while someone listens
// (a terminal showing the stages), and then rising from 0 towards 1.
import { channel } from "node:diagnostics_channel";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_PROGRESS_CHANNEL } from "../../src/report/report-stage.js";
import { measureProgress, watchProgress } from "../../src/report/sources/files/engine-progress.js";

let dir: string;
let instance: DuckDBInstance;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mg-progress-"));
  file = join(dir, "rows.parquet");
  instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const c = await instance.connect();
  // Many row groups: the engine counts its progress by the rows it has read.
  await c.run(
    `COPY (SELECT range AS i, repeat(chr(97 + (range % 26)::INT), 40) AS s FROM range(4000000)) ` +
      `TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 20000)`,
  );
  c.closeSync();
});
afterAll(() => {
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

// About a second here: several polls, whatever the machine.
const slowQuery = () => `SELECT count(DISTINCT md5(md5(md5(s || i::VARCHAR)))) FROM read_parquet('${file}')`;

async function setting(conn: DuckDBConnection): Promise<unknown> {
  const r = await conn.runAndReadAll("SELECT current_setting('enable_progress_bar') AS on");
  return r.getRowObjectsJS()[0]?.on;
}

describe("the engine's progress", () => {
  it("is reported while someone listens, rising towards 1", async () => {
    const seen: number[] = [];
    const listen = (p: unknown) => seen.push(p as number);
    channel(REPORT_PROGRESS_CHANNEL).subscribe(listen);
    const conn = await instance.connect();
    try {
      await measureProgress(conn);
      expect(await setting(conn)).toBe(true);
      const stop = watchProgress(conn);
      await conn.run(slowQuery()).finally(stop);
    } finally {
      channel(REPORT_PROGRESS_CHANNEL).unsubscribe(listen);
      conn.closeSync();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(seen.some((p) => p > 0)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  }, 60_000);

  it("is not measured when no one listens", async () => {
    const conn = await instance.connect();
    try {
      await measureProgress(conn);
      expect(await setting(conn)).toBe(false);
    } finally {
      conn.closeSync();
    }
  });
});
