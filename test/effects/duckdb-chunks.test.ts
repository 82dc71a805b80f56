// The effects queries' chunk reader on DuckDB: DOUBLE columns come back as Float64Arrays, NULL as
// NaN, whether or not a chunk holds a NULL; other columns as values; every chunk of a long result.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { duckDbChunks } from "../../src/report/sources/files/effects-chunks.js";

describe("the effects queries' chunks", () => {
  it("reads doubles with and without NULLs, and texts, over several chunks", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    try {
      const n = 5000;
      const x: number[] = [];
      const y: number[] = [];
      const s: (string | null)[] = [];
      let chunks = 0;
      await duckDbChunks(conn)(
        // y is NULL in every 50th row, where DuckDB leaves whatever was in the slot (not NaN); rows
        // in their insertion order (no sort: a sort happens to write NaN there)
        `SELECT CAST(i AS DOUBLE) AS x, CAST(NULLIF(i % 50, 0) AS DOUBLE) * 3 AS y, ` +
          `CASE WHEN i % 7 = 0 THEN NULL ELSE 'v' || (i % 3) END AS s FROM range(${n}) t(i)`,
        (cols) => {
          chunks++;
          expect(cols.x).toBeInstanceOf(Float64Array);
          expect(cols.y).toBeInstanceOf(Float64Array);
          x.push(...Array.from(cols.x as Float64Array));
          y.push(...Array.from(cols.y as Float64Array));
          s.push(...Array.from(cols.s as (string | null)[]));
        },
      );
      expect(chunks).toBeGreaterThan(2);
      expect(x).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(y).toEqual(Array.from({ length: n }, (_, i) => (i % 50 === 0 ? Number.NaN : (i % 50) * 3)));
      expect(s).toEqual(Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `v${i % 3}`)));
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
