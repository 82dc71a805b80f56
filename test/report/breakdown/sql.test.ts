// The breakdown SQL in both dialects, and the channel rule table read the same way by SQL and by
// TypeScript.
import { DuckDBInstance } from "@duckdb/node-api";
import nodeSqlParser from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { channelOf } from "../../../src/report/breakdown/channel-group.js";
import { DIMENSIONS } from "../../../src/report/breakdown/dimensions.js";
import { bigQueryBreakdownSql } from "../../../src/report/sources/bigquery/bigquery-breakdown.js";
import { bigQuerySource, parseDataset } from "../../../src/report/sources/bigquery/bigquery-source.js";
import { breakdownSql, channelSql } from "../../../src/report/sources/export/breakdown-query.js";
import { bigquery, duckdb } from "../../../src/report/sources/export/dialect.js";
import { exportQuery } from "../../../src/report/sources/export/export-query.js";
import { merchProject } from "../../export/merch-project.js";

const cases: [string | null, string | null][] = [
  ["(direct)", "(none)"],
  ["google", "cpc"],
  ["google", "organic"],
  ["bing", "ppc"],
  ["facebook", "paid_social"],
  ["facebook", "referral"],
  ["t.co", "social"],
  ["newsletter", "email"],
  ["partner", "affiliate"],
  ["site", "display"],
  ["youtube", "video"],
  ["example.com", "referral"],
  ["<Other>", "<Other>"],
  ["(data deleted)", "(data deleted)"],
  [null, null],
  ["Google", "CPC"],
];

describe("channel grouping", () => {
  it("gives the same channel in DuckDB SQL as in TypeScript", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const values = cases
      .map(([s, m]) => `(${s === null ? "NULL" : duckdb.str(s)}, ${m === null ? "NULL" : duckdb.str(m)})`)
      .join(", ");
    const expr = channelSql("COALESCE(s, '(not set)')", "COALESCE(m, '(not set)')", duckdb);
    const r = await c.runAndReadAll(`SELECT ${expr} AS ch FROM (VALUES ${values}) t(s, m)`);
    const sql = r.getRowObjectsJS().map((x) => String(x.ch));
    expect(sql).toEqual(cases.map(([s, m]) => channelOf(s, m)));
    expect(sql.slice(0, 4)).toEqual(["Direct", "Paid Search", "Organic Search", "Paid Search"]);
    c.closeSync();
    db.closeSync();
  });
});

describe("breakdown SQL", () => {
  const { query } = exportQuery(merchProject(), { since: "2020-11-01", until: "2020-11-08" });
  const src = {
    from: "`p.analytics_1.events_*`",
    where: "_TABLE_SUFFIX BETWEEN '20201101' AND '20201108'",
    hasUserId: true,
  };
  const cols = { trafficSource: true, device: true, geo: true };
  it.each(DIMENSIONS.flatMap((d) => [[d, "first_visit"] as const, [d, "session"] as const]))(
    "parses as BigQuery SQL by %s (%s)",
    (dim, scope) => {
      const sql = breakdownSql(query, { dimensions: [dim, "device"], scope }, src, cols, bigquery);
      const parser = new nodeSqlParser.Parser();
      expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
    },
  );

  it("is what the BigQuery source sends for the dataset's daily tables", () => {
    const ds = parseDataset("my-project.analytics_213025502");
    const bq = bigQuerySource(ds, query.startDate, query.endDate, true);
    const sql = bigQueryBreakdownSql(query, { dimensions: ["channel"], scope: "first_visit" }, bq);
    expect(sql).toContain("`my-project.analytics_213025502.events_*`");
    expect(sql).toContain("traffic_source");
    const parser = new nodeSqlParser.Parser();
    expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
  });
});
