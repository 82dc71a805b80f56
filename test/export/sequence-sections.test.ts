// The files source's one-pass sections (export/sequence/, files/user-days-query.ts) must return the
// very rows the analysis query returns, on real export days and on generated rows full of the
// cases that break sequence logic: equal times, repeated rows, a step that is also the previous
// step, open and closed funnels, users without an id, users with hundreds of hits.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisSql, type ExportQuery } from "../../src/report/sources/export/analysis-query.js";
import { duckdb } from "../../src/report/sources/export/dialect.js";
import { checkEventDates } from "../../src/report/sources/export/event-dates.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import type { ResultRow } from "../../src/report/sources/export/read-result.js";
import { toRows } from "../../src/report/sources/export/result-checks.js";
import { duckDbConfig } from "../../src/report/sources/files/duckdb-config.js";
import { openExportFiles } from "../../src/report/sources/files/export-files.js";
import { sequenceResultRows } from "../../src/report/sources/files/files-sequence.js";
import { readUserDays } from "../../src/report/sources/files/user-days-query.js";
import { mulberry32 } from "../../src/seeded-random.js";
import { exportDir, merchProject } from "./merch-project.js";

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  const spill = mkdtempSync(join(tmpdir(), "mg-sequence-"));
  instance = await DuckDBInstance.create(":memory:", duckDbConfig({}, spill));
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function bothWays(q: ExportQuery, src: { from: string; hasUserId: boolean }) {
  const sql = toRows((await conn.runAndReadAll(analysisSql(q, src, duckdb))).getRowObjectsJS());
  const onePass = (await sequenceResultRows(conn, q, src))?.rows;
  // the day query on a second connection beside the hits query (small exports)
  const side = await instance.connect();
  try {
    expect((await sequenceResultRows(conn, q, src, { side }))?.rows).toEqual(onePass);
  } finally {
    side.closeSync();
  }
  return { sql, onePass };
}

/** Percentiles may differ in the last bits of a float; everything else exactly. */
function comparable(rows: ResultRow[] | undefined) {
  return rows?.map((r) => ({
    ...r,
    x1: r.x1 === null ? null : Number(r.x1.toPrecision(12)),
    x2: r.x2 === null ? null : Number(r.x2.toPrecision(12)),
  }));
}

describe("one-pass sequence sections equal the analysis query", () => {
  it("on the real export days (merch project)", async () => {
    const files = await openExportFiles(conn, join(exportDir, "*.parquet"));
    const days = await checkEventDates(conn, files);
    const { query } = exportQuery(merchProject(), { since: days[0]!, until: days.at(-1)! });
    const { sql, onePass } = await bothWays(query, files.source);
    expect(sql.filter((r) => r.section === "path").length).toBeGreaterThan(0);
    expect(sql.filter((r) => r.section === "time").length).toBeGreaterThan(0);
    expect(comparable(onePass)).toEqual(comparable(sql));
  });

  it("with the users in key order (for the adjusted effects): the same rows, keys ascending", async () => {
    const files = await openExportFiles(conn, join(exportDir, "*.parquet"));
    const days = await checkEventDates(conn, files);
    const { query } = exportQuery(merchProject(), { since: days[0]!, until: days.at(-1)! });
    const plain = await sequenceResultRows(conn, query, files.source);
    const byKey = await sequenceResultRows(conn, query, files.source, { byKey: true });
    expect(byKey?.rows).toEqual(plain?.rows);
    const keys = byKey!.hits.keys;
    let ascending = 0;
    for (let u = 1; 2 * u < keys.length; u++) {
      // words low first: compare the high words, then the low ones
      const [hi0, lo0, hi1, lo1] = [keys[2 * u - 1]!, keys[2 * u - 2]!, keys[2 * u + 1]!, keys[2 * u]!];
      if (hi1 > hi0 || (hi1 === hi0 && lo1 > lo0)) ascending++;
    }
    expect(ascending).toBe(keys.length / 2 - 1);
  });

  for (let seed = 1; seed <= 12; seed++)
    it(`on generated rows (seed ${seed})`, async () => {
      const { table, query } = await generated(seed);
      const { sql, onePass } = await bothWays(query, { from: table, hasUserId: true });
      expect(sql.some((r) => r.section === "continued" && (r.n1 ?? 0) > 0)).toBe(true);
      expect(comparable(onePass)).toEqual(comparable(sql));
    });
});

describe("when the hits cannot be packed exactly", () => {
  it("a time far outside the range: no one-pass rows (the SQL analysis answers)", async () => {
    const { table, query } = await generated(3);
    await conn.run(
      `INSERT INTO ${table} VALUES ('20240102', ${Date.UTC(2400, 0, 1) * 1000}, 'buy', NULL, 'user-1')`,
    );
    expect(await sequenceResultRows(conn, query, { from: table, hasUserId: true })).toBeUndefined();
    const sql = toRows(
      (
        await conn.runAndReadAll(analysisSql(query, { from: table, hasUserId: true }, duckdb))
      ).getRowObjectsJS(),
    );
    expect(sql.find((r) => r.section === "goal" && r.a === "buy")?.n2).toBeGreaterThan(0);
  });
});

describe("more hits than the one pass holds", () => {
  it("no one-pass rows (the SQL analysis answers)", async () => {
    const { table, query } = await generated(4);
    const src = { from: table, hasUserId: true };
    expect(await sequenceResultRows(conn, query, src, { maxHits: 1_000_000 })).toBeDefined();
    expect(await sequenceResultRows(conn, query, src, { maxHits: 10 })).toBeUndefined();
    // the day query started beside the hits is stopped, and the connections stay usable
    const side = await instance.connect();
    try {
      expect(await sequenceResultRows(conn, query, src, { maxHits: 10, side })).toBeUndefined();
      expect(await sequenceResultRows(conn, query, src, { side })).toBeDefined();
    } finally {
      side.closeSync();
    }
  });
});

describe("the day masks", () => {
  it("add each day's users up from the masks' bits, and say when two users share a hash", () => {
    const q = { startDate: "20240101", endDate: "20240102" } as ExportQuery;
    const rows = [
      { kind: "mask", n: 2, m0: 3 },
      { kind: "mask", n: 5, m0: 2 },
      { kind: "users", n: 7, keys: 7 },
      { kind: "events", day: "20240101", n: 5 },
      { kind: "events", day: "20240102", n: 4 },
    ];
    const read = readUserDays(rows, q);
    expect(read.rows.map((r) => [r.section, r.a, r.n1, r.n2])).toEqual([
      ["day", "20240101", 5, 2],
      ["day", "20240102", 4, 7],
      ["total", null, 7, 9],
    ]);
    expect(read.distinctKeys).toBe(true);
    const shared = rows.map((r) => (r.kind === "users" ? { ...r, keys: 6 } : r));
    expect(readUserDays(shared, q).distinctKeys).toBe(false);
  });

  it("count users on days past the first 32 of a range", async () => {
    const { table, query } = await generated(99, 40);
    const { sql, onePass } = await bothWays(query, { from: table, hasUserId: true });
    expect(sql.filter((r) => r.section === "day").length).toBeGreaterThan(32);
    expect(comparable(onePass)).toEqual(comparable(sql));
  });
});

const goals = ["a", "b", "c", "d", "e", "buy", "lead"];

/** A table of export-shaped rows: few users, coarse times (many ties), repeats, a heavy user. */
async function generated(seed: number, spanDays = 6) {
  const rnd = mulberry32(seed);
  const table = `gen_${seed}_${spanDays}`;
  const start = Date.UTC(2024, 0, 1) * 1000;
  const rows: string[] = [];
  const users = 40 + Math.floor(rnd() * 40);
  for (let u = 0; u < users; u++) {
    const n = u === 0 ? 400 : Math.floor(rnd() * 25);
    const id = u % 17 === 16 ? "NULL" : `'user-${u}'`;
    for (let i = 0; i < n; i++) {
      // hours on a coarse grid: equal times are common
      const t = start + Math.floor(rnd() * spanDays * 24) * 3_600_000_000 + (rnd() < 0.3 ? 0 : 1);
      const name = rnd() < 0.1 ? "other" : goals[Math.floor(rnd() * goals.length)]!;
      const date = new Date(t / 1000).toISOString().slice(0, 10).replaceAll("-", "");
      const row = `('${date}', ${t}, '${name}', NULL, ${id})`;
      rows.push(row);
      if (rnd() < 0.1) rows.push(row); // the same event twice
    }
  }
  await conn.run(
    `CREATE OR REPLACE TABLE ${table} AS SELECT event_date, CAST(event_timestamp AS BIGINT) AS event_timestamp, ` +
      "event_name, CAST(user_id AS VARCHAR) AS user_id, CAST(user_pseudo_id AS VARCHAR) AS user_pseudo_id " +
      `FROM (VALUES ${rows.join(", ")}) v(event_date, event_timestamp, event_name, user_id, user_pseudo_id)`,
  );
  const matcher = (goalId: string) => ({
    goalId,
    kind: goalId === "buy" || goalId === "lead" ? ("macro" as const) : ("micro" as const),
    event: goalId,
    predicates: [],
  });
  const hour = 3600;
  const endDate = new Date(start / 1000 + (spanDays - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll("-", "");
  const query: ExportQuery = {
    startDate: "20240101",
    endDate,
    goals: goals.map(matcher),
    pairs: [
      ...["a", "b", "c", "d", "e"].map((m) => ({ microId: m, macroId: "buy", windowSeconds: 24 * hour })),
      { microId: "a", macroId: "lead", windowSeconds: 3 * hour },
      { microId: "lead", macroId: "buy", windowSeconds: 2 * 86400 },
      { microId: "buy", macroId: "buy", windowSeconds: 86400 },
    ],
    funnels: [
      { funnelId: "closed", open: false, windowSeconds: 12 * hour, steps: ["a", "b", "c", "buy"] },
      { funnelId: "open", open: true, windowSeconds: 12 * hour, steps: ["a", "b", "c", "buy"] },
      { funnelId: "repeat", open: false, windowSeconds: 48 * hour, steps: ["a", "a", "buy"] },
      { funnelId: "missing", open: true, windowSeconds: 48 * hour, steps: ["x", "a", "buy"] },
    ],
    pathWindowSeconds: 36 * hour,
    topPaths: 4 + (seed % 3),
    pathLength: 1 + (seed % 4),
  };
  return { table, query };
}
