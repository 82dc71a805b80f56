// Discover on BigQuery: no BigQuery here, so the statements are checked two ways. Their shape
// parses with a BigQuery grammar, prunes tables and reads only the columns discover needs; and the
// statement BigQuery runs (parts inlined as CTEs, first times as ranked rows) gives DuckDB exactly
// the counts of the files source's form (temp tables, arrays).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import nodeSqlParser from "node-sql-parser";
import { describe, expect, it } from "vitest";
import type { CandidateDefinition } from "../../../src/report/discover/candidate.js";
import { candidateGoals } from "../../../src/report/discover/candidate-goals.js";
import { bigQueryDiscoverSql } from "../../../src/report/sources/bigquery/bigquery-discover.js";
import { confirmationHalfSource } from "../../../src/report/sources/bigquery/bigquery-discover-effects.js";
import { bigquery, duckdb } from "../../../src/report/sources/export/dialect.js";
import {
  discoverPairsSql,
  discoverParts,
  withParts,
} from "../../../src/report/sources/export/discover-query.js";
import { type DiscoverRow, fold, halfTotals } from "../../../src/report/sources/export/discover-rows.js";
import { exportQuery } from "../../../src/report/sources/export/export-query.js";
import { exposureFirstsSql, exposureSessionsSql } from "../../../src/report/sources/export/exposure-query.js";
import { discoverCounts } from "../../../src/report/sources/files/discover-counts.js";
import { openExportFiles } from "../../../src/report/sources/files/export-files.js";
import { runCli } from "../../cli/run-cli.js";
import { confoundedProject } from "../../effects/confounded-project.js";
import { writePlantedTraffic } from "./planted-traffic.js";

const opts = {
  dataset: "my-proj.analytics_213025502",
  since: "2020-11-01",
  until: "2020-11-08",
  macroEvent: "purchase",
  windowSeconds: 7 * 86_400,
};
const chosen: CandidateDefinition[] = [
  { event: "view_item" },
  { event: "page_view", param: "page_path", value: "/it's" },
];

describe("discover's BigQuery statements", () => {
  const parser = new nodeSqlParser.Parser();
  const { singles, totals, pairs } = bigQueryDiscoverSql({ ...opts, intraday: true });
  const statements = [singles, totals, pairs(chosen)];

  it("parse with a BigQuery grammar and prune the daily (and intraday) tables", () => {
    for (const sql of statements) {
      expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
      expect(sql).toContain("FROM `my-proj.analytics_213025502.events_*`");
      expect(sql).toContain("_TABLE_SUFFIX BETWEEN '20201101' AND '20201108'");
      expect(sql).toContain("_TABLE_SUFFIX BETWEEN 'intraday_20201101' AND 'intraday_20201108'");
      expect(sql).toContain("FARM_FINGERPRINT(u)");
      expect(sql).not.toMatch(/read_parquet|list_sort|list_filter|unnest\(p\) AS x|hash\(|MATERIALIZED/);
    }
    expect(pairs(chosen)).toContain("pv = '/it\\'s'");
  });

  it("read only the columns discover needs", () => {
    for (const sql of statements) {
      const columns = new Set(parser.columnList(sql, { database: "bigquery" }).map((c) => c.split("::")[2]));
      for (const c of ["device", "geo", "traffic_source", "items", "ecommerce", "user_properties", "user_id"])
        expect(columns.has(c)).toBe(false);
    }
  });
});

describe("the adjusted estimator's statements on the confirmation half", () => {
  it("parse with a BigQuery grammar and read only the confirmation half", () => {
    const project = confoundedProject();
    const macro = project.goals.find((g) => g.kind === "macro")!;
    const goals = candidateGoals(project, macro, [
      { event: "no_effect" },
      { event: "page_view", param: "page_path", value: "/pricing" },
      { event: "file_download", param: "file_extension", value: "pdf" },
    ]);
    expect([...goals.candidates.keys()]).toEqual(["candidate_1", "candidate_2", "candidate_3"]);
    const { query } = exportQuery(goals.project, { since: "2026-01-01", until: "2026-02-25" });
    const src = confirmationHalfSource(opts, query.startDate, query.endDate);
    const parser = new nodeSqlParser.Parser();
    for (const sql of [exposureSessionsSql(query, src, bigquery), exposureFirstsSql(query, src, bigquery)]) {
      expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
      expect(sql).toContain("NOT (MOD(ABS(FARM_FINGERPRINT(user_pseudo_id)), 2) = 0)");
    }
    expect(exposureFirstsSql(query, src, bigquery)).toContain("'/pricing'");
  });
});

describe("the one-statement form", () => {
  it("in BigQuery's shape (ranked rows, not arrays) gives DuckDB the files source's counts", async () => {
    const file = writePlantedTraffic(mkdtempSync(join(tmpdir(), "mg-bq-discover-")), 7, 1500);
    const expected = await discoverCounts({
      files: file,
      macroEvent: "purchase",
      windowSeconds: opts.windowSeconds,
      choosePairs: () => [{ event: "watch_video" }, { event: "noise_1" }, { event: "noise_2" }],
    });
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      const all = async (sql: string) =>
        (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
      const { source } = await openExportFiles(conn, file);
      const q = {
        startDate: expected.since.replaceAll("-", ""),
        endDate: expected.until.replaceAll("-", ""),
        macroEvent: "purchase",
        windowSeconds: opts.windowSeconds,
      };
      // BigQuery's query shape, DuckDB's function names.
      const asBigQuery = { ...duckdb, firstTimes: "window" as const };
      const sql = discoverParts(q, source, asBigQuery);
      const total = halfTotals(await all(withParts(sql.parts, sql.totals)));
      const singles = fold((await all(withParts(sql.parts, sql.singles))) as unknown as DiscoverRow[], total);
      const combos = fold(
        (await all(
          withParts(
            sql.parts,
            discoverPairsSql(
              [{ event: "watch_video" }, { event: "noise_1" }, { event: "noise_2" }],
              q,
              asBigQuery,
            ),
          ),
        )) as unknown as DiscoverRow[],
        total,
      );
      const key = (c: { definition: CandidateDefinition }) => JSON.stringify(c.definition);
      const sort = <T extends { definition: CandidateDefinition }>(xs: T[]) =>
        [...xs].sort((a, b) => key(a).localeCompare(key(b)));
      expect(singles.length).toBeGreaterThan(50);
      expect(combos.length).toBe(3);
      expect(sort([...singles, ...combos])).toEqual(sort(expected.candidates));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe("discover --source bigquery on the command line", () => {
  const cases: [string[], RegExp][] = [
    [["--source", "bigquery"], /--source bigquery needs --dataset/],
    [
      ["--source", "bigquery", "--dataset", "p.analytics_1", "--files", "x.parquet"],
      /--files is for --source files/,
    ],
    [["--source", "bigquery", "--dataset", "p.analytics_1", "--max-bytes", "lots"], /--max-bytes must be/],
    [["--source", "bigquery", "--dataset", "nodot"], /is not PROJECT.DATASET/],
    [
      ["--source", "files", "--files", "x.parquet", "--dataset", "p.analytics_1"],
      /--dataset is for --source bigquery/,
    ],
  ];
  it.each(cases)("%j is a usage error before anything runs", (flags, message) => {
    const r = runCli(["discover", "examples/merch-store", "--macro", "purchase", ...flags]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
