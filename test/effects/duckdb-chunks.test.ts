// The effects queries' chunk reader on DuckDB: DOUBLE columns come back as Float64Arrays, NULL as
// NaN, whether or not a chunk holds a NULL; texts as node-api reads them (short ones interned:
// vector-texts.ts), other columns as values; every chunk of a long result.
import { DuckDBInstance, DuckDBVarCharVector } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { duckDbChunks } from "../../src/report/sources/files/effects-chunks.js";
import { InlineTexts, textsOf } from "../../src/report/sources/files/vector-texts.js";

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

  it("reads texts of every length, NULLs and repeats exactly as node-api does", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    try {
      // Lengths 0 to 24 bytes around the 12 kept inside a slot, multi-byte characters, 600
      // distinct short texts (the table grows) repeated across chunks, and NULLs.
      const sql =
        "SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE repeat(list_extract(['a', 'é', '😀', 'xy'], " +
        "1 + (i % 4)::INT), (i % 13)::INT) || CAST(i % 600 AS VARCHAR) END AS s, " +
        "CASE WHEN i % 5 = 0 THEN 'https://shop.example/p/' || (i % 40) ELSE CAST(i % 3 AS VARCHAR) END AS t " +
        "FROM range(9000) t(i)";
      const expected = (await conn.runAndReadAll(sql)).getColumnsObjectJS();
      const s: unknown[] = [];
      const t: unknown[] = [];
      await duckDbChunks(conn)(sql, (cols) => {
        expect(Array.isArray(cols.s)).toBe(true);
        s.push(...Array.from(cols.s as ArrayLike<unknown>));
        t.push(...Array.from(cols.t as ArrayLike<unknown>));
      });
      expect(s).toEqual(expected.s);
      expect(t).toEqual(expected.t);
      expect(new Set(s).size).toBeGreaterThan(600);
      // the slot reader itself, not node-api's fallback, read them
      const chunk = (await conn.run(sql)).getChunk(0);
      const vector = chunk.getColumnVector(0);
      expect(vector).toBeInstanceOf(DuckDBVarCharVector);
      expect(textsOf(vector as DuckDBVarCharVector, new InlineTexts())).toEqual(chunk.getColumnValues(0));
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
