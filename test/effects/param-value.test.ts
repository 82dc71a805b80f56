// DuckDB's event parameter lookup for the exposure queries: the first parameter with the key, NULL
// when there is none (as GA4's export is read everywhere else: list_filter(...)[1]).
import { DuckDBInstance } from "@duckdb/node-api";
import { expect, it } from "vitest";
import { duckdb } from "../../src/report/sources/export/dialect.js";

const value = (s: string, i: string) =>
  `{'string_value': ${s}::VARCHAR, 'int_value': ${i}::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}`;
const param = (k: string | null, s: string, i: string) =>
  `{'key': ${k === null ? "NULL::VARCHAR" : `'${k}'`}, 'value': ${value(s, i)}}`;

it("takes the first parameter with the key, and NULL when it is absent", async () => {
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    const rows = [
      `[${param("a", "'x'", "NULL")}, ${param("k", "NULL", "7")}, ${param("k", "NULL", "8")}]`,
      `[${param(null, "'n'", "1")}, ${param("a", "'y'", "NULL")}]`,
      `[${param(null, "'n'", "1")}, ${param("k", "'first'", "NULL")}]`,
      `[]::STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]`,
      "NULL",
    ];
    const sql =
      `SELECT i, ${duckdb.paramValue("k")}.int_value AS n, ${duckdb.paramValue("k")}.string_value AS s ` +
      `FROM (VALUES ${rows.map((r, i) => `(${i}, ${r})`).join(", ")}) t(i, event_params) ORDER BY i`;
    const got = (await conn.runAndReadAll(sql)).getRowObjectsJS().map((r) => [r.n, r.s]);
    expect(got).toEqual([
      [7n, null],
      [null, null],
      [null, "first"],
      [null, null],
      [null, null],
    ]);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
});
