// `report --offline <file> --goal <id>` on the real export files: deals closed off the site are
// joined to the export's users by client id (user_pseudo_id) or user id, in the report's SQL.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const FILES = join(import.meta.dirname, "../../../shared/reference/ga4-export/*.parquet");
let dir: string;
let checkouts: string[];
let others: string[];

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const conn = await instance.connect();
  const ids = async (sql: string) =>
    (await conn.runAndReadAll(sql)).getRowObjectsJS().map((r) => String(r.u));
  checkouts = await ids(
    `SELECT DISTINCT user_pseudo_id AS u FROM read_parquet('${FILES}') WHERE event_name = 'begin_checkout' ORDER BY u LIMIT 30`,
  );
  others = await ids(
    `SELECT user_pseudo_id AS u FROM read_parquet('${FILES}') GROUP BY u HAVING bool_and(event_name <> 'begin_checkout') ORDER BY u LIMIT 20`,
  );
  conn.closeSync();
  instance.closeSync();
  dir = mkdtempSync(join(tmpdir(), "mg-report-offline-"));
  mkdirSync(join(dir, "goals"));
  writeFileSync(
    join(dir, "microgoals.yaml"),
    [
      "version: 1",
      "name: Merch offline",
      "default_target: sample",
      "targets:",
      "  sample:",
      '    gtm: { account: "6000003", container: "9000003" }',
      '    ga4: { property: "213025502", measurement_id: G-MERCH00001 }',
      "report:",
      "  window: 30d",
      "  min_users: 1",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "goals", "a.yaml"),
    [
      "goals:",
      "  - id: deal_closed",
      "    title: Deal closed",
      "    kind: macro",
      "    source: offline",
      "  - id: begin_checkout",
      "    title: Started checkout",
      "    kind: micro",
      "    leads_to: [deal_closed]",
      "    trigger:",
      "      data_layer: { event: begin_checkout }",
      "",
    ].join("\n"),
  );
  // Deals closed on the export's last day, after everything these users did on the site.
  const rows = [...checkouts, ...others].map((u, i) => `${u},,2020-11-08T23:59:00Z,100,USD,DEAL-${i}`);
  writeFileSync(
    join(dir, "deals.csv"),
    `client_id,user_id,timestamp,value,currency,transaction_id\n${rows.join("\n")}\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("report --offline on export files", () => {
  it("counts the offline goal per user and the micro goals that led to it", () => {
    const r = runCli([
      "report",
      dir,
      "--source",
      "files",
      "--files",
      FILES,
      "--allow-gaps",
      "--offline",
      join(dir, "deals.csv"),
      "--goal",
      "deal_closed",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as {
      goals: { id: string; users: number }[];
      pairs: { microId: string; macroId: string; afterMicro: { x: number; n: number } }[];
    };
    expect(checkouts).toHaveLength(30);
    expect(a.goals.find((g) => g.id === "deal_closed")!.users).toBe(50);
    const pair = a.pairs.find((p) => p.microId === "begin_checkout" && p.macroId === "deal_closed")!;
    expect(pair.afterMicro.x).toBe(30);
    expect(pair.afterMicro.n).toBe(a.goals.find((g) => g.id === "begin_checkout")!.users);
  }, 60_000);

  it("refuses --offline without --goal, with the Data API, and a bad row by its line", () => {
    expect(runCli(["report", dir, "--source", "files", "--files", FILES, "--offline", "x.csv"]).code).toBe(2);
    expect(runCli(["report", dir, "--offline", "x.csv", "--goal", "deal_closed"]).stderr).toMatch(
      /--offline is for --source files/,
    );
    writeFileSync(
      join(dir, "bad.csv"),
      "client_id,timestamp,transaction_id\njane@example.com,2020-11-08T10:00:00Z,D1\n",
    );
    const bad = runCli([
      "report",
      dir,
      "--source",
      "files",
      "--files",
      FILES,
      "--allow-gaps",
      "--offline",
      join(dir, "bad.csv"),
      "--goal",
      "deal_closed",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.csv:2: client_id looks like an e-mail address/);
  }, 60_000);
});
