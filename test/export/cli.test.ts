// `microgoals report --source files` and `microgoals emulator --load` as a user runs them: real
// processes on the real export with the examples/merch-store project.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cliEntry } from "../support/cli-entry.js";
import { exportDir } from "./merch-project.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const project = join(root, "examples/merch-store");
const files = `${exportDir}/*.parquet`;
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [...cliEntry(), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", MICROGOALS_WEBHOOK_URL: "", ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
/** The real days as JSON, the way the merch example is reported. */
const jsonReport = [
  "report",
  project,
  "--source",
  "files",
  "--files",
  files,
  "--allow-gaps",
  "--format",
  "json",
];
const dir = mkdtempSync(join(tmpdir(), "export-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("microgoals report --source files", () => {
  it("runs the adjusted effects' bootstrap on two threads with the numbers of one", async () => {
    // Two threads required (a worker that fails is an error here), then one thread.
    const [two, one] = await Promise.all([
      cli(jsonReport, { MICROGOALS_BOOTSTRAP_THREADS: "2" }),
      cli(jsonReport, { MICROGOALS_BOOTSTRAP_THREADS: "1" }),
    ]);
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(0);
    const adjusted = (out: string) =>
      (JSON.parse(out).pairs as { adjusted?: { status: string } }[]).map((p) => p.adjusted);
    expect(adjusted(two.stdout).filter((a) => a?.status === "ok").length).toBeGreaterThan(2);
    expect(adjusted(two.stdout)).toEqual(adjusted(one.stdout));
  }, 120_000);

  it("--no-adjust: the crude report alone, the same crude figures, and it says so", async () => {
    const [adjusted, crude] = await Promise.all([cli(jsonReport), cli([...jsonReport, "--no-adjust"])]);
    expect(crude.stderr).toBe("");
    expect(crude.code).toBe(0);
    const a = JSON.parse(adjusted.stdout);
    const c = JSON.parse(crude.stdout);
    expect(a.adjustSkipped).toBeUndefined();
    expect(c.adjustSkipped).toBe(true);
    expect(a.pairs.filter((p: { adjusted?: unknown }) => p.adjusted).length).toBeGreaterThan(2);
    expect(c.pairs.filter((p: { adjusted?: unknown }) => p.adjusted)).toEqual([]);
    const crudeFields = (p: { adjusted?: unknown }) => ({ ...p, adjusted: undefined });
    expect(c.pairs.map(crudeFields)).toEqual(a.pairs.map(crudeFields));
    expect(c.funnels).toEqual(a.funnels);
    expect(c.export).toEqual(a.export);
    const says = (r: { notes: { text: string }[] }) => r.notes.some((n) => n.text.includes("--no-adjust"));
    expect(says(c)).toBe(true);
    expect(says(a)).toBe(false);
  }, 120_000);

  it("reports the seven real days as JSON with the export extras", async () => {
    const r = await cli(jsonReport);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.source).toBe("export-files");
    expect(a.propertyId).toBe("213025502");
    expect(a.dateRange).toEqual({ since: "2020-11-01", until: "2020-11-08" });
    expect(a.goals.find((g: { id: string }) => g.id === "purchase")).toMatchObject({
      users: 212,
      events: 256,
    });
    expect(a.export.totalEvents).toBe(296928);
    expect(a.export.days).toHaveLength(7);
    const checkout = a.export.timeToConvert.find((t: { microId: string }) => t.microId === "begin_checkout");
    expect(checkout.converters).toBe(212);
    expect(checkout.medianSeconds).toBeGreaterThan(0);
    expect(checkout.p90Seconds).toBeGreaterThanOrEqual(checkout.medianSeconds);
    expect(a.export.reversePaths[0].top[0].steps.at(-1)).toBe("add_payment_info");
    const notes = a.notes.map((n: { text: string }) => n.text).join("\n");
    expect(notes).toContain("no events on 20201103");
    expect(notes).toContain("296,928 export events on 7 days");
  }, 120_000); // the real days with the adjusted effects' bootstrap: slow on a loaded machine

  it("prints the extras in the table, and writes history like the Data API path", async () => {
    const history = join(dir, "history.jsonl");
    const out = join(dir, "report.txt");
    const r = await cli([
      "report",
      project,
      ...["--source", "files", "--files", files, "--since", "2020-11-04", "--until", "2020-11-08"],
      ...["--out", out, "--history", history],
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const table = readFileSync(out, "utf8");
    expect(table).toContain("2020-11-04 → 2020-11-08");
    expect(table).toContain("Time from micro to macro");
    expect(table).toMatch(/Goal paths before purchase: .* conversions/);
    expect(table).toMatch(/begin_checkout > add_shipping_info > add_payment_info/);
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, "utf8").trim().split("\n")).toHaveLength(1);
  }, 120_000);

  it("refuses a range with a missing day unless --allow-gaps (exit 1, one line)", async () => {
    const r = await cli(["report", project, "--source", "files", "--files", files]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no events on 20201103");
    expect(r.stderr).toContain("--allow-gaps");
    expect(r.stderr).not.toContain("    at ");
  });

  it("exits 2 on flags that do not fit the source", async () => {
    const cases: [string[], string][] = [
      [["--source", "files"], "--source files needs --files"],
      [["--source", "bigquery"], "--source bigquery needs --dataset"],
      [["--files", files], "--files is for --source files, not ga4"],
      [
        ["--source", "files", "--files", files, "--dataset", "p.analytics_1"],
        "--dataset is for --source bigquery",
      ],
      [
        ["--source", "bigquery", "--dataset", "p.analytics_1", "--endpoint", "http://x"],
        "--endpoint is for --source ga4",
      ],
      [["--source", "bigquery", "--dataset", "p.analytics_1", "--max-bytes", "lots"], "--max-bytes must be"],
      [["--source", "files", "--files", files, "--since", "last week"], "--since last week is not a date"],
      [["--source", "nope"], "unknown --source nope"],
      [["--allow-gaps"], "--allow-gaps is for --source files or bigquery"],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(["report", project, ...args])));
    results.forEach((r, i) => {
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(cases[i]?.[1] as string),
      });
    });
  });
});

describe("microgoals emulator --load", () => {
  it("loads the export, serves it through the Data API, and exits on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [
        ...cliEntry(),
        "emulator",
        "--port",
        "0",
        "--load",
        `${exportDir}/events_20201101.parquet`,
        "--load-property",
        "213025502",
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
    try {
      const lines: string[] = [];
      const url = await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout }).on("line", (line) => {
          lines.push(line);
          const m = /listening on (\S+)/.exec(line);
          if (m) ok(m[1] as string);
        });
        child.on("exit", () => fail(new Error(`emulator exited: ${lines.join("\n")}`)));
      });
      expect(lines[0]).toBe(
        "microgoals emulator: loaded 31,272 events on 1 day: 20201101–20201101 from 1 file into property 213025502",
      );
      // The Data API path on the loaded day: the example project's target is the same property.
      const r = await cli([
        "report",
        project,
        "--endpoint",
        url,
        "--since",
        "2020-11-01",
        "--until",
        "2020-11-01",
        "--format",
        "json",
      ]);
      expect(r.code).toBe(0);
      const a = JSON.parse(r.stdout);
      expect(a.source).toBe("ga4-data-api");
      expect(a.totalUsers).toBe(2365);
      expect(a.goals.find((g: { id: string }) => g.id === "purchase")).toMatchObject({ events: 14 });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("fails with one line and exit 1 when nothing matches", async () => {
    const r = await cli(["emulator", "--port", "0", "--load", join(dir, "none_*.parquet")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no files match");
  });
});
