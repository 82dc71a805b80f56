// Export rows whose event_date is not YYYYMMDD: a located one-line error (file and row), exit 1,
// never an internal error and never a report that silently lost a day.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { checkEventDates, isExportDate, statedDays } from "../../src/report/sources/export/event-dates.js";
import { openExportFiles } from "../../src/report/sources/files/export-files.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { cliEntry } from "../support/cli-entry.js";
import { merchProject } from "./merch-project.js";

const dir = mkdtempSync(join(tmpdir(), "microgoals-dates-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (date: unknown, user: string, name = "purchase") => ({
  ...(date === undefined ? {} : { event_date: date }),
  event_timestamp: "1714521600000000",
  event_name: name,
  user_pseudo_id: user,
  event_params: [],
});

/** Line 1: header-free NDJSON, a good row; line 2 blank; line 3 the row under test. */
function ndjson(name: string, bad: unknown, gz = false): string {
  const text = [JSON.stringify(row("20240501", "a")), "", JSON.stringify(row(bad, "b"))].join("\n") + "\n";
  const path = join(dir, name);
  writeFileSync(path, gz ? gzipSync(text) : text);
  return path;
}

async function failure(files: string): Promise<UserError> {
  const err = await filesReport(merchProject(), { files }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).exitCode).toBe(1);
  expect((err as UserError).message).not.toContain("\n");
  return err as UserError;
}

/** A Parquet file of one row group, a purchase per given event_date. */
async function parquet(name: string, dates: string[]): Promise<string> {
  const file = join(dir, name);
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const rows = dates.map((d, i) => `('${d}', 1714521600000000, 'purchase', 'u${i}', [])`).join(", ");
  await c.run(
    `COPY (SELECT * FROM (VALUES ${rows}) t(event_date, event_timestamp, event_name, user_pseudo_id, event_params)) TO '${file}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  return file;
}

async function filesDays(pattern: string): Promise<{ stated: string[] | undefined; days: string[] }> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    const files = await openExportFiles(c, pattern);
    return { stated: statedDays(files), days: await checkEventDates(c, files) };
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe("the files' days", () => {
  it("come from the Parquet footers when each row group holds one day (a GA4 export)", async () => {
    const real = join(import.meta.dirname, "../../../shared/reference/ga4-export/*.parquet");
    const { stated, days } = await filesDays(real);
    expect(stated).toEqual([
      "20201101",
      "20201102",
      "20201104",
      "20201105",
      "20201106",
      "20201107",
      "20201108",
    ]);
    expect(days).toEqual(stated);
  });

  it("come from a scan when a row group spans days", async () => {
    await parquet("span.parquet", ["20240502", "20240501", "20240502"]);
    const { stated, days } = await filesDays(join(dir, "span.parquet"));
    expect(stated).toBeUndefined();
    expect(days).toEqual(["20240501", "20240502"]);
  });
});

describe("the files' footers", () => {
  it("are parsed once per engine, and a file changed after that is read again", async () => {
    const file = await parquet("changing.parquet", ["20240501"]);
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    try {
      const files = await openExportFiles(c, file);
      const setting = await c.runAndReadAll("SELECT current_setting('parquet_metadata_cache') AS on");
      expect(setting.getRowObjectsJS()[0]?.on).toBe(true);
      const count = async () =>
        Number(
          (await c.runAndReadAll(`SELECT count(*) AS n FROM ${files.source.from}`)).getRowObjectsJS()[0]?.n,
        );
      expect(await count()).toBe(1);
      // rewritten at once with other rows (another footer) while the engine holds the first one
      await parquet("changing.parquet", ["20240501", "20240502", "20240503"]);
      expect(await count()).toBe(3);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });
});

describe("event_date that is not YYYYMMDD", () => {
  it.each([
    ["formula", "=cmd|' /C calc'!A0", /:3: event_date "=cmd\|' \/C calc'!A0" is not a day written YYYYMMDD/],
    ["plus", "+1", /:3: event_date "\+1" is not a day/],
    ["dashes", "2024-05-02", /:3: event_date "2024-05-02" is not a day/],
    ["empty", "", /:3: event_date "" is not a day/],
    ["impossible", "20240231", /:3: event_date "20240231" is not a day/],
    ["missing", undefined, /:3: no event_date/],
  ])("%s: names the file and line", async (name, bad, message) => {
    const file = ndjson(`${name}.json`, bad);
    const e = await failure(file);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(/YYYYMMDD/);
  });

  it("finds the line in a gzipped file", async () => {
    const file = ndjson("zipped.json.gz", "2024/05/01", true);
    expect((await failure(file)).message).toMatch(/zipped\.json\.gz:3: event_date "2024\/05\/01"/);
  });

  it("names the row in a Parquet file", async () => {
    const file = join(dir, "bad.parquet");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(
      `COPY (SELECT * FROM (VALUES ('20240501', 1714521600000000, 'purchase', 'a', []::STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR))[]), ('+1', 1714521600000000, 'purchase', 'b', [])) t(event_date, event_timestamp, event_name, user_pseudo_id, event_params)) TO '${file}' (FORMAT parquet)`,
    );
    c.closeSync();
    db.closeSync();
    expect((await failure(file)).message).toMatch(/bad\.parquet: row 2: event_date "\+1"/);
  });

  it("names the row when every row of a Parquet row group holds the same bad value", async () => {
    // the footer's statistics say "2024-05-02" from first to last: the scan still names the row
    const file = await parquet("all-bad.parquet", ["2024-05-02", "2024-05-02"]);
    expect((await failure(file)).message).toMatch(/all-bad\.parquet: row 1: event_date "2024-05-02"/);
  });

  it("matches GA4's own dates", () => {
    expect(isExportDate("20240229")).toBe(true);
    expect(isExportDate(20240501)).toBe(true);
    expect(isExportDate("20230229")).toBe(false);
    expect(isExportDate("2024050")).toBe(false);
    expect(isExportDate(null)).toBe(false);
  });

  it("exits 1 from the CLI with the location, not 70", async () => {
    const root = resolve(import.meta.dirname, "../..");
    const file = ndjson("cli.json", "=1+1");
    const r = await promisify(execFile)(
      process.execPath,
      [...cliEntry(), "report", join(root, "examples/merch-store"), "--source", "files", "--files", file],
      { cwd: root, env: { ...process.env, NO_COLOR: "1", MICROGOALS_WEBHOOK_URL: "" } },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:3: event_date "=1+1"`);
    expect(r.stderr).not.toMatch(/internal error| {4}at /);
  });
});
