// The exposure queries in BigQuery's dialect: they parse with a BigQuery grammar, prune tables like
// the analysis query, and read the history columns the adjustment needs and nothing else heavy.
import nodeSqlParser from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { bigQuerySource } from "../../src/report/sources/bigquery/bigquery-source.js";
import { bigquery } from "../../src/report/sources/export/dialect.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import { exposureFirstsSql, exposureSessionsSql } from "../../src/report/sources/export/exposure-query.js";
import { merchProject } from "../export/merch-project.js";

const { query } = exportQuery(merchProject(), { since: "2020-11-01", until: "2020-11-08" });
const src = bigQuerySource({ project: "my-proj", dataset: "analytics_1" }, "20201101", "20201108", false);

describe("exposure SQL for BigQuery", () => {
  it.each([
    ["sessions", exposureSessionsSql(query, src, bigquery)],
    ["firsts", exposureFirstsSql(query, src, bigquery)],
  ])("%s parses with a BigQuery grammar and prunes by _TABLE_SUFFIX", (_name, sql) => {
    const parser = new nodeSqlParser.Parser();
    expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
    expect(sql).toContain("_TABLE_SUFFIX BETWEEN '20201101' AND '20201108'");
    expect(sql).not.toMatch(/read_parquet|list_filter|list_position|MATERIALIZED|TRY_CAST/);
  });

  it("reads the history columns and not the heavy ones", () => {
    const sql = exposureSessionsSql(query, src, bigquery);
    const parser = new nodeSqlParser.Parser();
    const columns = new Set(parser.columnList(sql, { database: "bigquery" }).map((c) => c.split("::")[2]));
    for (const c of ["items", "ecommerce", "user_properties", "geo", "app_info"])
      expect(columns.has(c)).toBe(false);
    for (const c of ["event_timestamp", "event_name", "user_pseudo_id", "user_first_touch_timestamp"])
      expect(columns.has(c), c).toBe(true);
    expect(sql).toContain("device.category");
    expect(sql).toContain("traffic_source.medium");
  });

  it("names users by dense rank: hash keys are DuckDB's alone", () => {
    expect(exposureSessionsSql(query, src, bigquery)).toContain("DENSE_RANK() OVER (ORDER BY u)");
    expect(() => exposureSessionsSql(query, src, bigquery, "hash")).toThrow(/DuckDB/);
    expect(() => exposureFirstsSql(query, src, bigquery, "hash")).toThrow(/DuckDB/);
  });
});
