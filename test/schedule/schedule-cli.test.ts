// `microgoals schedule` as a service runs it: a real process, the example project, the emulator on
// port 0, a per-second cron expression, then SIGTERM.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { readHistory } from "../../src/schedule/history.js";
import { generate, RANGE } from "../report/synthetic.js";
import { cliEntry } from "../support/cli-entry.js";

const root = resolve(import.meta.dirname, "../..");

function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "mg-schedule-"));
  cpSync(join(root, "microgoals.yaml"), join(dir, "microgoals.yaml"));
  cpSync(join(root, "goals"), join(dir, "goals"), { recursive: true });
  return dir;
}

describe("microgoals schedule", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: { now: new Date("2024-06-01T00:00:00Z") } });
    const truth = [
      { micro: "add_to_cart", macro: "purchase", microShare: 0.3, rateAfter: 0.3, baseline: 0.05 },
    ];
    emulator.events.appendBatch(generate(truth, 500, 3));
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const range = () => ["--since", RANGE.since, "--until", RANGE.until, "--endpoint", emulator.url];

  it("runs on the cron schedule, logs each run, and exits 0 on SIGTERM", async () => {
    const dir = projectCopy();
    const child: ChildProcess = spawn(
      process.execPath,
      [...cliEntry(), "schedule", dir, "--cron", "* * * * * *", ...range()],
      { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (c) => (stderr += c));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await new Promise<void>((resolveRun, reject) => {
      child.stdout!.on("data", (c) => {
        stdout += c;
        if (/run 1 finished/.test(stdout)) resolveRun();
      });
      child.on("exit", () => reject(new Error(`exited early:\n${stdout}\n${stderr}`)));
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^microgoals schedule: "\* \* \* \* \* \*" for Example Outdoor Store/);
    expect(stdout).toMatch(/run 1 finished in [\d.]+ s: 0 alerts, exit 0; wrote .*reports\/latest\.html/);
    expect(stdout).toMatch(
      /SIGTERM: stopping after the current run\n(.*\n)*stopped after \d+ run\(s\), 0 failed\n$/,
    );
    const history = readHistory(join(dir, "reports", "history.jsonl"));
    expect(history.problems).toEqual([]);
    expect(history.entries.length).toBeGreaterThanOrEqual(1);
    expect(history.entries[0]).toMatchObject({ target: "staging", period: RANGE });
    expect(readFileSync(join(dir, "reports", "latest.html"), "utf8")).toContain("<svg");
  });

  it("--once runs one report and exits; a bad cron expression is a usage error", async () => {
    const dir = projectCopy();
    const run = promisify(execFile);
    const schedule = (...args: string[]) => run(process.execPath, [...cliEntry(), "schedule", dir, ...args]);
    const once = await schedule(
      "--once",
      "--format",
      "json",
      "--summary-md",
      join(dir, "summary", "latest.md"),
      ...range(),
    );
    expect(once.stdout).toMatch(/run 1 finished .* exit 0; wrote .*latest\.json/);
    const first = JSON.parse(readFileSync(join(dir, "reports", "latest.json"), "utf8"));
    expect(first.target).toBe("staging");
    expect(first.adjustSkipped).toBeUndefined();
    expect(readFileSync(join(dir, "summary", "latest.md"), "utf8")).toMatch(
      /^## Micro-conversion report: Example Outdoor Store/,
    );
    await schedule("--once", "--format", "json", "--no-adjust", ...range());
    const crude = JSON.parse(readFileSync(join(dir, "reports", "latest.json"), "utf8"));
    expect(crude.adjustSkipped).toBe(true);
    expect(crude.pairs.filter((p: { adjusted?: unknown }) => p.adjusted)).toEqual([]);
    const bad = await schedule("--cron", "every monday").catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/^microgoals: invalid cron expression "every monday"/);
  });
});
