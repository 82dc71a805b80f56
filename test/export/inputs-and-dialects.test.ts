// Bad input (one-line UserErrors, never a partial report), NDJSON exports, goals defined by event
// parameters, and the BigQuery dialect of the same query checked by a BigQuery-grammar parser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import nodeSqlParser from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import {
  bigQueryReportSql,
  checkBytes,
  formatBytes,
  parseDataset,
} from "../../src/report/sources/bigquery/bigquery-source.js";
import { analysisSql } from "../../src/report/sources/export/analysis-query.js";
import { duckdb } from "../../src/report/sources/export/dialect.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { userHitsSql } from "../../src/report/sources/files/user-hits-query.js";
import { exportDir, goal, merchProject } from "./merch-project.js";

const dir = mkdtempSync(join(tmpdir(), "microgoals-export-"));
const day1 = `${exportDir}/events_20201101.parquet`;

beforeAll(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(
    `COPY (SELECT 1 AS a, 'x' AS b) TO '${dir}/wrong/events_20201101.parquet' (FORMAT parquet)`.replace(
      "/wrong/",
      "/wrong_",
    ),
  );
  await c.run(`COPY (SELECT * FROM read_parquet('${day1}')) TO '${dir}/day1.json' (FORMAT json)`);
  c.closeSync();
  db.closeSync();
  // bq extract writes INT64 as JSON strings and omits NULL fields (no user_id here).
  const bqStyle = [
    {
      event_date: "20201101",
      event_timestamp: "1604188800000000",
      event_name: "view_item",
      user_pseudo_id: "a",
      event_params: [{ key: "ga_session_id", value: { int_value: "7" } }],
    },
    {
      event_date: "20201101",
      event_timestamp: "1604188900000000",
      event_name: "purchase",
      user_pseudo_id: "a",
      event_params: [{ key: "value", value: { double_value: 12.5 } }],
    },
    {
      event_date: "20201101",
      event_timestamp: "1604189000000000",
      event_name: "purchase",
      user_pseudo_id: "b",
      event_params: [],
    },
  ];
  writeFileSync(join(dir, "bq.json"), bqStyle.map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(join(dir, "notes.txt"), "hello\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function userError(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).message).not.toContain("\n");
  return err as UserError;
}

describe("bad input is a one-line error", () => {
  const project = merchProject();
  it("no files", async () => {
    const e = await userError(filesReport(project, { files: `${dir}/nothing_*.parquet` }));
    expect(e.message).toMatch(/no files match/);
  });
  it("not a GA4 export", async () => {
    const e = await userError(filesReport(project, { files: `${dir}/wrong_*.parquet` }));
    expect(e.message).toMatch(/is not a GA4 export: no column event_date, event_timestamp/);
  });
  it("not an export format", async () => {
    const e = await userError(filesReport(project, { files: `${dir}/notes.txt` }));
    expect(e.message).toMatch(/neither Parquet nor newline-delimited JSON/);
  });
  it("a day without events in the range", async () => {
    const e = await userError(
      filesReport(project, { files: `${exportDir}/*.parquet`, since: "2020-11-01", until: "2020-11-08" }),
    );
    expect(e.message).toMatch(/no events on 20201103 .*undercount/);
    expect(e.hint).toMatch(/--allow-gaps/);
  });
  it("a range with no events at all", async () => {
    const e = await userError(
      filesReport(project, { files: day1, since: "2021-01-01", until: "2021-01-02" }),
    );
    expect(e.message).toMatch(/no events between 20210101 and 20210102/);
  });
});

describe("newline-delimited JSON", () => {
  it("gives the same report as the Parquet file it was written from", async () => {
    const project = merchProject();
    const fromParquet = await filesReport(project, { files: day1 });
    const fromJson = await filesReport(project, { files: `${dir}/day1.json` });
    expect({ ...fromJson, source: "" }).toEqual({ ...fromParquet, source: "" });
    expect(fromJson.totalEvents).toBe(31272);
  });
  it("reads bq extract's shape: INT64 as strings, absent user_id", async () => {
    const r = await filesReport(merchProject(), { files: `${dir}/bq.json` });
    expect(r.totalUsers).toBe(2);
    expect(r.goals.find((g) => g.goalId === "purchase")).toMatchObject({ users: 2, events: 2 });
    expect(r.pairs.find((p) => p.microId === "view_item")).toMatchObject({
      microUsers: 1,
      convertedAfterMicro: 1,
      nonMicroUsers: 1,
      convertedWithoutMicro: 1,
    });
    expect(r.timeToConvert.find((t) => t.microId === "view_item")?.medianSeconds).toBe(100);
  });
});

describe("goals defined by event parameters", () => {
  const cond = (subject: object, op: string, value: string | number, ignoreCase = false, negate = false) =>
    ({ subject, op, value, ignoreCase, negate, source: { file: "x", pointer: "" } }) as never;
  const project = merchProject([
    goal("purchase", "macro"),
    goal("big_purchase", "macro", {
      event: "purchase",
      params: [
        {
          name: "value",
          from: { dataLayer: "ecommerce.value" },
          type: "number",
          report: false,
          source: { file: "x", pointer: "" },
        },
      ],
      trigger: {
        kind: "data_layer",
        event: "purchase",
        conditions: [cond({ dataLayer: "ecommerce.value" }, "gt", 100)],
      },
    }),
    goal("view_apparel", "micro", {
      event: "page_view",
      reservedEventOk: true,
      trigger: {
        kind: "page_view",
        conditions: [cond({ builtin: "page_path" }, "contains", "/apparel", true)],
      },
    }),
    goal("not_home", "micro", {
      event: "page_view",
      reservedEventOk: true,
      trigger: {
        kind: "page_view",
        conditions: [cond({ builtin: "page_path" }, "equals", "/", false, true)],
      },
    }),
    goal("clicked_nav", "micro", {
      event: "page_view",
      reservedEventOk: true,
      trigger: { kind: "page_view", conditions: [cond({ builtin: "click_element" }, "css", "nav a")] },
    }),
  ]);
  project.funnels = [];

  it("evaluates page_location and numeric params like a brute-force count over the raw rows", async () => {
    const r = await filesReport(project, { files: day1 });
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const raw = (
      await c.runAndReadAll(
        `SELECT user_pseudo_id AS u, event_name AS e,
          list_filter(event_params, lambda p: p.key = 'page_location')[1].value.string_value AS loc,
          list_filter(event_params, lambda p: p.key = 'value')[1].value AS v
         FROM read_parquet('${day1}') WHERE event_name IN ('page_view', 'purchase')`,
      )
    ).getRowObjectsJS();
    c.closeSync();
    db.closeSync();
    const count = (pred: (row: Record<string, unknown>) => boolean) => {
      const rows = raw.filter(pred);
      return { users: new Set(rows.map((x) => x.u)).size, events: rows.length };
    };
    const path = (loc: unknown) =>
      typeof loc === "string" ? (/^[^:/?#]+:\/\/[^/?#]*(\/[^?#]*)?/.exec(loc)?.[1] ?? "/") : null;
    const apparel = count(
      (x) => x.e === "page_view" && (path(x.loc)?.toLowerCase().includes("/apparel") ?? false),
    );
    const notHome = count((x) => x.e === "page_view" && path(x.loc) !== "/");
    const big = count((x) => {
      const v = x.v as { int_value: unknown; double_value: unknown } | null;
      return x.e === "purchase" && Number(v?.double_value ?? v?.int_value ?? Number.NaN) > 100;
    });
    const got = (id: string) => {
      const g = r.goals.find((x) => x.goalId === id);
      return { users: g?.users, events: g?.events };
    };
    expect(apparel.events).toBeGreaterThan(100);
    expect(got("view_apparel")).toEqual(apparel);
    expect(got("not_home")).toEqual(notHome);
    expect(big.events).toBeGreaterThan(0);
    expect(got("big_purchase")).toEqual(big);
    expect(got("purchase")).toEqual(count((x) => x.e === "purchase"));
    // A CSS condition cannot be read from the export: said, not silently dropped.
    expect(r.notes.join("\n")).toMatch(
      /clicked_nav: condition on click_element cannot be read from the export/,
    );
  });

  it("finds each parameter once per row on DuckDB, only on the events whose goals read it", () => {
    const { query } = exportQuery(project, { since: "2020-11-01", until: "2020-11-01" });
    const sql = userHitsSql(query, { from: "read_parquet('x')", hasUserId: true });
    expect(sql.match(/'page_location'/g)).toHaveLength(1);
    expect(sql.match(/'value'/g)).toHaveLength(1);
    expect(sql).toContain("CASE WHEN event_name IN ('page_view') THEN event_params[list_position(");
    expect(sql).toContain("CASE WHEN event_name IN ('purchase') THEN event_params[list_position(");
    // page_location as text only (the path), value as a number only (gt 100)
    expect(sql).toMatch(/ AS p0_s\b/);
    expect(sql).not.toMatch(/ AS p0_n\b/);
    expect(sql).toMatch(/ AS p1_n\b/);
    expect(sql).not.toMatch(/ AS p1_s\b/);
  });
});

describe("BigQuery dialect", () => {
  const project = merchProject([
    goal("purchase", "macro"),
    goal("view_item", "micro"),
    goal("add_to_cart", "micro"),
    goal("view_sale", "micro", {
      event: "page_view",
      reservedEventOk: true,
      trigger: {
        kind: "page_view",
        conditions: [
          {
            subject: { builtin: "page_url" },
            op: "matches",
            value: "sale|it's",
            ignoreCase: true,
            negate: false,
            source: { file: "x", pointer: "" },
          },
        ],
      },
    }),
  ]);
  const opts = {
    dataset: "my-proj.analytics_213025502",
    since: "2020-11-01",
    until: "2020-11-08",
    intraday: true,
  };

  it("parses with a BigQuery grammar and prunes tables by _TABLE_SUFFIX", () => {
    const { sql, ds } = bigQueryReportSql(project, opts);
    expect(ds).toEqual({ project: "my-proj", dataset: "analytics_213025502", propertyId: "213025502" });
    const parser = new nodeSqlParser.Parser();
    expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
    expect(sql).toContain("FROM `my-proj.analytics_213025502.events_*`");
    expect(sql).toContain("_TABLE_SUFFIX BETWEEN '20201101' AND '20201108'");
    expect(sql).toContain("_TABLE_SUFFIX BETWEEN 'intraday_20201101' AND 'intraday_20201108'");
    expect(sql).toContain("REGEXP_CONTAINS(p0_s, '(?i)sale|it\\'s')");
    expect(sql).not.toMatch(/read_parquet|list_filter|quantile_cont|MATERIALIZED/);
  });

  it("reads only the columns the analysis needs", () => {
    const { sql } = bigQueryReportSql(project, opts);
    const parser = new nodeSqlParser.Parser();
    const columns = new Set(parser.columnList(sql, { database: "bigquery" }).map((c) => c.split("::")[2]));
    const exportColumns = [
      "device",
      "geo",
      "traffic_source",
      "items",
      "ecommerce",
      "user_properties",
      "app_info",
    ];
    for (const c of exportColumns) expect(columns.has(c)).toBe(false);
    for (const c of ["event_date", "event_timestamp", "event_name", "user_id", "user_pseudo_id"])
      expect(columns.has(c)).toBe(true);
    expect(sql).not.toMatch(/SELECT \*\s+FROM `/);
    // event_params is read only because a goal has a parameter condition
    const plain = bigQueryReportSql(
      merchProject([goal("purchase", "macro"), goal("view_item", "micro")]),
      opts,
    ).sql;
    expect(plain).not.toContain("event_params");
  });

  it("is the same query structure as the DuckDB dialect", () => {
    const { sql, query } = bigQueryReportSql(project, opts);
    const duck = analysisSql(query, { from: "read_parquet('x')", hasUserId: true }, duckdb);
    const ctes = (s: string) => [...s.matchAll(/(?:^|,\n)(\w+) AS/g)].map((m) => m[1]);
    expect(ctes(sql)).toEqual(ctes(duck));
    expect(ctes(sql)).toContain("pair_base");
  });

  it("refuses a query above --max-bytes with the figure", () => {
    expect(() => checkBytes(5e9, 1e9)).toThrow(/would scan 5\.0 GB, above --max-bytes 1\.0 GB/);
    expect(() => checkBytes(1e9, 1e9)).not.toThrow();
    expect(formatBytes(1234)).toBe("1.2 KB");
  });

  it("rejects a dataset that is not PROJECT.DATASET", () => {
    expect(() => parseDataset("analytics_1")).toThrow(UserError);
    expect(parseDataset("p.d")).toEqual({ project: "p", dataset: "d" });
  });

  it("builds the query model from the spec: every micro → macro pair and funnel", () => {
    const { query } = exportQuery(merchProject(), { since: "2020-11-01", until: "20201108" });
    expect(query.pairs).toHaveLength(8);
    expect(query.funnels.map((f) => f.open)).toEqual([false, true]);
    expect(query.startDate).toBe("20201101");
    expect(readFileSync(day1).length).toBeGreaterThan(0);
  });
});
