// The adjusted effects' first goal times, taken from the files report's goal hits (grouped by
// hash(user)) and mapped to users through the sessions query's keys, equal the firsts query's, user
// for user, on the real export days: the files report no longer runs that query.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdb } from "../../src/report/sources/export/dialect.js";
import { checkEventDates } from "../../src/report/sources/export/event-dates.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import {
  exposureFirstsSql,
  exposureSessionsSql,
  firstTimeColumns,
} from "../../src/report/sources/export/exposure-query.js";
import { firstTimesOf, SessionHistoryBuilder } from "../../src/report/sources/export/read-exposure.js";
import { firstTimesOfHits } from "../../src/report/sources/export/sequence/hit-first-times.js";
import { duckDbConfig } from "../../src/report/sources/files/duckdb-config.js";
import { duckDbChunks } from "../../src/report/sources/files/effects-chunks.js";
import { openExportFiles } from "../../src/report/sources/files/export-files.js";
import { sequenceResultRows } from "../../src/report/sources/files/files-sequence.js";
import { exportDir, goal, merchMicros, merchProject } from "./merch-project.js";

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(
    ":memory:",
    duckDbConfig({}, mkdtempSync(join(tmpdir(), "mg-firsts-"))),
  );
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

describe("first goal times from the report's goal hits", () => {
  it.each([
    ["hits in any order (a hash index of the keys)", false],
    ["hits in key order (one walk of both)", true],
  ])("equal the firsts query's on the real export days: %s", async (_, byKey) => {
    const project = merchProject([goal("purchase", "macro"), ...merchMicros.map((m) => goal(m, "micro"))]);
    const files = await openExportFiles(conn, join(exportDir, "*.parquet"));
    const days = await checkEventDates(conn, files);
    const { query } = exportQuery(project, { since: days[0]!, until: days.at(-1)! });
    const onePass = await sequenceResultRows(conn, query, files.source, { byKey });
    expect(onePass).toBeDefined();
    const sessions = new SessionHistoryBuilder();
    await duckDbChunks(conn)(exposureSessionsSql(query, files.source, duckdb, "hash"), (c) =>
      sessions.add(c),
    );
    const { history, keys } = sessions.finish();
    expect(keys.length).toBe(2 * history.users);
    const columns = firstTimeColumns(query);
    const fromHits = firstTimesOfHits(onePass!.hits, keys, query, columns);
    const firsts = await conn.runAndReadAll(exposureFirstsSql(query, files.source, duckdb, "hash"));
    const fromQuery = firstTimesOf(firsts.getColumnsObjectJS(), columns, keys);
    let done = 0;
    for (const { goalId } of columns) {
      const a = fromHits.get(goalId)!;
      const b = fromQuery.get(goalId)!;
      if (b.some((x) => !Number.isNaN(x))) done++;
      expect([...a], goalId).toEqual([...b]);
    }
    // not vacuous: most of the merch store's goals were done in these days
    expect(done).toBeGreaterThanOrEqual(6);
  });

  it("leave out users whose key the sessions do not name, in key order or not", () => {
    const q = { goals: [{ goalId: "a" }] } as Parameters<typeof firstTimesOfHits>[2];
    const columns = [{ goalId: "a", column: "f0" }];
    // (high, low) keys: hits (1, 2), (1, 5), (3, 4); sessions (0, 9), (1, 5), (3, 4), (7, 0)
    const hits = {
      start: Int32Array.from([0, 1, 2, 4]),
      t: Float64Array.from([1e6, 2e6, 3e6, 4e6]),
      g: Int32Array.from([0, 0, 0, 0]),
      keys: Uint32Array.from([2, 1, 5, 1, 4, 3]),
    };
    const ordered = Float64Array.from([0, 9, 1, 5, 3, 4, 7, 0]);
    expect([...firstTimesOfHits(hits, ordered, q, columns).get("a")!]).toEqual([
      Number.NaN,
      2,
      3,
      Number.NaN,
    ]);
    const shuffled = Float64Array.from([3, 4, 7, 0, 0, 9, 1, 5]);
    expect([...firstTimesOfHits(hits, shuffled, q, columns).get("a")!]).toEqual([
      3,
      Number.NaN,
      Number.NaN,
      2,
    ]);
  });

  it("leave out users without a key", () => {
    const hits = {
      start: Int32Array.from([0, 2, 3]),
      t: Float64Array.from([5e6, 7e6, 9e6]),
      g: Int32Array.from([0, 0, 0]),
      keys: Uint32Array.from([2, 1, 4, 3]), // low word first: (1, 2) and (3, 4) as (high, low)
    };
    const q = { goals: [{ goalId: "a" }] } as Parameters<typeof firstTimesOfHits>[2];
    const keys = Float64Array.from([Number.NaN, Number.NaN, 1, 2]);
    const out = firstTimesOfHits(hits, keys, q, [{ goalId: "a", column: "f0" }]);
    expect([...out.get("a")!]).toEqual([Number.NaN, 5]);
  });
});
