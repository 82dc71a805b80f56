// The `report` command as a user runs it: the example project, the emulator on port 0, real process.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { runReport } from "../../src/report/run-report.js";
import { cliEntry } from "../support/cli-entry.js";
import { generate, RANGE } from "./synthetic.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [...cliEntry(), "report", root, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

describe("microgoals report", () => {
  let emulator: Emulator;
  const dir = mkdtempSync(join(tmpdir(), "report-cli-"));
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: { now: new Date("2024-06-01T00:00:00Z") } });
    const truth = [
      { micro: "add_to_cart", macro: "purchase", microShare: 0.3, rateAfter: 0.3, baseline: 0.05 },
      { micro: "view_pricing", macro: "demo_request", microShare: 0.2, rateAfter: 0.2, baseline: 0.05 },
    ];
    emulator.events.appendBatch(generate(truth, 800, 11));
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports the example project as JSON and HTML through the emulator", async () => {
    const range = ["--since", RANGE.since, "--until", RANGE.until, "--endpoint", emulator.url];
    const json = await cli(["--format", "json", ...range]);
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    const a = JSON.parse(json.stdout);
    expect(a.target).toBe("staging");
    const cart = a.pairs.find((p: { microId: string }) => p.microId === "add_to_cart");
    expect(cart.afterMicro.n).toBeGreaterThan(150);
    expect(cart.significant).toBe(true);
    expect(a.caveats.missingGoals).toContain("download_catalog"); // no traffic for it: called out
    expect(a.cost.requests).toBeGreaterThan(0);

    const out = join(dir, "r.html");
    const html = await cli(["--format", "html", "--out", out, ...range]);
    expect(html.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("<svg");
  });

  it("is callable in-process and equals the CLI's table output", async () => {
    const { output } = await runReport({
      dir: root,
      since: RANGE.since,
      until: RANGE.until,
      endpoint: emulator.url,
    });
    const table = await cli(["--since", RANGE.since, "--until", RANGE.until, "--endpoint", emulator.url]);
    expect(table.stdout).toBe(output);
    expect(output).not.toContain("\x1b[");
  });

  it("exits 2 on a bad format or unknown target", async () => {
    expect((await cli(["--format", "pdf", "--endpoint", emulator.url])).code).toBe(2);
    const t = await cli(["--target", "nope", "--endpoint", emulator.url]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('unknown target "nope"');
  });
});
