// The sessions query's landing page on DuckDB: the session's first page view by time, then by
// location (a page view without one last), read as a path; a session without page views has none.
// Rank and hash keys agree.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdb } from "../../src/report/sources/export/dialect.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import { exposureSessionsSql, type UserKey } from "../../src/report/sources/export/exposure-query.js";
import { merchProject } from "../export/merch-project.js";

// (user, session, time, event, location): NULL location written as null.
const events: [string | null, number, number, string, string | null][] = [
  // ties at the first time: the lesser location wins, a missing one loses
  ["a", 1, 100, "page_view", null],
  ["a", 1, 100, "page_view", "https://shop.example/z"],
  ["a", 1, 100, "page_view", "https://shop.example/b?q=1"],
  ["a", 1, 50, "scroll", null],
  // the first page view has no location: (not set)
  ["a", 2, 300, "page_view", null],
  ["a", 2, 301, "page_view", "https://shop.example/later"],
  // no page view: no landing page
  ["b", 7, 200, "user_engagement", null],
  // a location without a path: "/"
  ["b", 8, 400, "page_view", "https://shop.example"],
  // no user: left out
  [null, 9, 500, "page_view", "https://shop.example/x"],
];

const query = exportQuery(merchProject(), { since: "2020-11-01", until: "2020-11-01" }).query;
let db: DuckDBInstance;

beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const str = (s: string | null) => (s === null ? "NULL::VARCHAR" : duckdb.str(s));
  const rows = events.map(
    ([u, sid, t, e, loc]) =>
      `('20201101', ${t}::BIGINT, ${str(e)}, [{'key': 'ga_session_id', 'value': {'string_value': NULL::VARCHAR, 'int_value': ${sid}::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}}, ` +
      `{'key': 'page_location', 'value': {'string_value': ${str(loc)}, 'int_value': NULL::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}}], ` +
      `NULL::VARCHAR, ${str(u)})`,
  );
  await c.run(
    `CREATE TABLE ev AS SELECT * FROM (VALUES ${rows.join(", ")}) v(event_date, event_timestamp, event_name, event_params, user_id, user_pseudo_id)`,
  );
  c.closeSync();
});

afterAll(() => db.closeSync());

async function landings(key: UserKey): Promise<string[]> {
  const c = await db.connect();
  const src = {
    from: "ev",
    hasUserId: true,
    columns: ["event_date", "event_timestamp", "event_name", "event_params", "user_id", "user_pseudo_id"],
  };
  const r = await c.runAndReadAll(
    `SELECT st, landing FROM (${exposureSessionsSql(query, src, duckdb, key)}) ORDER BY st`,
  );
  c.closeSync();
  return r.getRowObjectsJS().map((row) => `${row.st}:${row.landing}`);
}

describe("the sessions query's landing page", () => {
  it.each<UserKey>(["rank", "hash"])(
    "is the first page view's path, by time then location (%s keys)",
    async (key) => {
      expect(await landings(key)).toEqual(["50:/b", "200:null", "300:(not set)", "400:/"]);
    },
  );
});
