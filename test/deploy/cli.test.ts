import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server.js";
import { cliEntry } from "../support/cli-entry.js";
import { emulator } from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
const run = promisify(execFile);
let emu: Emulator;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({ ...process.env, MICROGOALS_ENDPOINT: emu.url, MICROGOALS_DEBUG: "" }, ...args);
}

async function cliWith(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [...cliEntry(), ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  // A CLI process paces in real time (100 s windows); pacing is covered by the API tests, so the
  // quota is off here to keep the test fast.
  emu = await emulator({ gtmQuota: false });
});
afterAll(async () => {
  await emu?.close();
});

describe("microgoals plan / apply", () => {
  it("plan exits 2 with changes, apply --yes applies, plan then exits 0", async () => {
    const planned = await cli("plan", ".", "--detailed-exitcode");
    expect(planned.code).toBe(2);
    expect(planned.stdout).toMatch(/\+ create tag "microgoals · macro · purchase"/);
    expect(planned.stderr).toMatch(/^calls: \d+ reads?, 0 writes, 0 retries, 0 rate-limit answers; elapsed/m);

    const refused = await cli("apply", ".");
    expect(refused.code).toBe(2); // not a TTY and no --yes
    expect(refused.stderr).toMatch(/Pass --yes/);

    const applied = await cli("apply", ".", "--yes", "--quota", "1000");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^\[\d+\/\d+\] create tag/m); // plain progress lines off a TTY
    expect(applied.stdout).toMatch(/Applied: GTM \d+ created/);
    // Apply counts what the plan counted: "N to create" is GTM's creates plus GA4's.
    const toCreate = Number(/Plan: (\d+) to create/.exec(planned.stdout)![1]);
    const made = /Applied: GTM (\d+) created.*; GA4 (\d+) created/.exec(applied.stdout)!;
    expect(Number(made[1]) + Number(made[2])).toBe(toCreate);
    // The previewed plan is applied with its live read: 2 GTM + 3 GA4 reads for the preview and the
    // 5 lists of the new workspace; re-reading before applying made it 15.
    expect(applied.stderr).toMatch(/^calls: 10 reads, \d+ writes/m);
    // One total from the first step to the last, which reaches it: no [48/48] → [49/49] jump.
    const steps = [...applied.stdout.matchAll(/^\[(\d+)\/(\d+)\]/gm)].map((m) => [+m[1], +m[2]]);
    expect(new Set(steps.map(([, total]) => total)).size).toBe(1);
    expect(steps.at(-1)![0]).toBe(steps.at(-1)![1]);
    expect(steps.length).toBe(Number(/^calls: \d+ reads, (\d+) writes/m.exec(applied.stderr)![1]));

    const clean = await cli("plan", ".", "--detailed-exitcode");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No changes");
  }, 60_000);
});

describe("apply / plan failures and time scale", () => {
  it("apply of a bad directory reports the spec, not missing credentials", async () => {
    const { MICROGOALS_ENDPOINT, GOOGLE_APPLICATION_CREDENTIALS, ...rest } = process.env;
    const dir = mkdtempSync(join(tmpdir(), "mg-nocred-"));
    const env = { ...rest, HOME: dir, CLOUDSDK_CONFIG: dir, METADATA_SERVER_DETECTION: "none" };
    const missing = await cliWith(env, "apply", join(dir, "no-such-project"), "--yes");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/directory not found: .*no-such-project/);
    expect(missing.stderr).toContain("Pass the directory that holds microgoals.yaml.");
    writeFileSync(join(dir, "microgoals.yaml"), "version: 1\ntargets: 42\n");
    const broken = await cliWith(env, "apply", dir, "--yes");
    expect(broken.code).toBe(1);
    for (const r of [missing, broken]) expect(r.stderr).not.toMatch(/credentials/);
  }, 30_000);

  it("a failed deploy prints its call budget and the access hint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-wrong-"));
    cpSync(join(ROOT, "goals"), join(dir, "goals"), { recursive: true });
    const yaml = readFileSync(join(ROOT, "microgoals.yaml"), "utf8").replace(
      'container: "9000001"',
      'container: "9999999"',
    );
    writeFileSync(join(dir, "microgoals.yaml"), yaml);
    for (const args of [["plan"], ["apply", "--yes"]]) {
      const r = await cli(args[0], dir, ...args.slice(1));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/workspaces\.list failed \(HTTP 404\)/);
      expect(r.stderr).toMatch(/Target staging points at GTM accounts\/6000001\/containers\/9999999/);
      // The workspace and the latest version are read at once: both calls are counted.
      expect(r.stderr).toMatch(/^calls: 2 reads, 0 writes, 0 retries, 0 rate-limit answers; elapsed/m);
    }
  }, 30_000);

  it("--time-scale / MICROGOALS_TIME_SCALE follow a time-scaled emulator's quota", async () => {
    const scaled = await emulator({ timeScale: 1000 }); // quota on: 25 calls per 100 ms
    const env = { ...process.env, MICROGOALS_ENDPOINT: scaled.url, MICROGOALS_DEBUG: "" };
    // A fresh deploy needs 3 windows: unscaled, the CLI would wait 200 s of real time.
    const applied = await cliWith(env, "apply", ".", "--yes", "--time-scale", "1000");
    expect(applied.code).toBe(0);
    expect(applied.stderr).toMatch(/^calls: \d+ reads, \d+ writes, 0 retries, 0 rate-limit answers/m);
    const planned = await cliWith({ ...env, MICROGOALS_TIME_SCALE: "1000" }, "plan", ".");
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("No changes");
    const bad = await cliWith(env, "plan", ".", "--time-scale", "0");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--time-scale must be a positive number/);
    await scaled.close();
  }, 60_000);

  it("without --time-scale, the emulator's own window sets the pace (it says how long it is)", async () => {
    const scaled = await emulator({ timeScale: 1000 });
    const env = {
      ...process.env,
      MICROGOALS_ENDPOINT: scaled.url,
      MICROGOALS_DEBUG: "",
      MICROGOALS_TIME_SCALE: "",
    };
    // At GTM's real pace a fresh deploy's estimate is minutes; at the emulator's, under a second.
    const planned = await cliWith(env, "plan", ".");
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/GTM writes .*; about 0 s under the GTM quota/);
    const applied = await cliWith(env, "apply", ".", "--yes");
    expect(applied.code).toBe(0);
    expect(applied.stderr).toMatch(/^calls: \d+ reads, \d+ writes, 0 retries, 0 rate-limit answers/m);
    await scaled.close();
  }, 60_000);
});
