// `report --by` as a user runs it: the real CLI over the real export days, and the usage errors.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cliEntry } from "../../support/cli-entry.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const example = join(root, "examples/merch-store");
const files = join(import.meta.dirname, "../../../../shared/reference/ga4-export/*.parquet");
const cli = (args: string[]) =>
  run(process.execPath, [...cliEntry(), "report", example, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
const fromFiles = ["--source", "files", "--files", files, "--allow-gaps"];

describe("microgoals report --by", () => {
  it("prints the channel table of the real export, every line within 100 columns", async () => {
    const r = await cli([...fromFiles, "--by", "channel"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf("Breakdown by channel"), r.stdout.indexOf("\nGoals"));
    expect(section).toContain("Organic Search");
    expect(section).toContain("Scope: users by their first visit in the range");
    expect(section).toContain("Milestones left out (");
    expect(Math.max(...section.split("\n").map((l) => [...l].length))).toBeLessThanOrEqual(100);
  }, 60_000);

  it.each([
    [["--by", "weather"], "unknown --by weather"],
    [["--by", "channel", "--by", "device", "--by", "country"], "at most two"],
    [["--by", "channel", "--by-scope", "session", "--by-scope", "first_visit"], "one scope per report"],
    [["--by-scope", "session"], "--by-scope needs --by"],
  ])(
    "refuses %j with a one-line usage error, exit 2",
    async (args, message) => {
      const r = await cli([...fromFiles, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
    30_000,
  );

  it.each([
    [["--by", "channel", "--by-scope", "visit"], "unknown --by-scope visit"],
    [["--by-scope", "session"], "--by-scope needs --by"],
    [["--by", "channel", "--by-scope", "session", "--by-scope", "first_visit"], "one scope per report"],
  ])(
    "on the Data API, %j is still a one-line usage error before any request",
    async (args, message) => {
      // Nothing listens on port 9: a request would fail with exit 1, not a usage error.
      const r = await cli([...args, "--endpoint", "http://127.0.0.1:9"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
    30_000,
  );
});
