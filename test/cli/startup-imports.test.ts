// --version, --help and validate must start like bare Node: they may not load the Google clients,
// DuckDB or the BigQuery client (those load lazily inside the commands that talk to Google).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const HEAVY = [
  "@googleapis/",
  "@google-analytics/",
  "google-auth-library",
  "google-gax",
  "@duckdb/",
  "@google-cloud/",
];

function importsOf(args: string[]): string[] {
  const record = join(mkdtempSync(join(tmpdir(), "mg-imports-")), "imports.txt");
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./test/support/record-imports.mjs", "src/cli/main.ts", ...args],
    { env: { ...process.env, RECORD_IMPORTS: record }, encoding: "utf8" },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(record, "utf8").split("\n").filter(Boolean);
}

describe("startup stays light", () => {
  it.each([["--version"], ["--help"], ["validate", "."]])(
    "microgoals %s loads no Google client",
    (...args) => {
      const urls = importsOf(args);
      expect(urls.some((u) => u.includes("/src/cli/main.ts"))).toBe(true);
      expect(urls.filter((u) => HEAVY.some((h) => u.includes(h)))).toEqual([]);
    },
  );

  it("validate loads no JSON Schema compiler: the validators are compiled at build time", () => {
    expect(importsOf(["validate", "."]).filter((u) => u.includes("/node_modules/ajv/"))).toEqual([]);
  });

  it("validate loads its own command registration, not the other commands'", () => {
    const registrations = importsOf(["validate", "."]).filter((u) => u.includes("/src/cli/commands/"));
    expect(registrations.map((u) => u.slice(u.lastIndexOf("/") + 1))).toEqual(["validate.ts"]);
  });

  it("command help stays light too, and the recorder does see a lazily loaded client", () => {
    const urls = importsOf(["report", "--help"]).concat(importsOf(["demo", "--help"]));
    expect(urls.filter((u) => HEAVY.some((h) => u.includes(h)))).toEqual([]);
    const record = join(mkdtempSync(join(tmpdir(), "mg-imports-")), "imports.txt");
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./test/support/record-imports.mjs",
        "-e",
        'await import("./src/report/sources/data-api/clients.ts").then((m) => m.dataClients({ endpoint: "http://127.0.0.1:9" })).then((c) => c.close())',
      ],
      { env: { ...process.env, RECORD_IMPORTS: record }, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(record, "utf8")).toContain("@google-analytics/data");
  });
});
