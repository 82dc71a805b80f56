import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server.js";
import { emulator } from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
const run = promisify(execFile);
let emu: Emulator;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, MICROGOALS_ENDPOINT: emu.url, MICROGOALS_DEBUG: "" },
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
    expect(planned.stderr).toMatch(/^calls: \d+ reads, 0 writes, 0 retries, 0 rate-limit answers; elapsed/m);

    const refused = await cli("apply", ".");
    expect(refused.code).toBe(2); // not a TTY and no --yes
    expect(refused.stderr).toMatch(/Pass --yes/);

    const applied = await cli("apply", ".", "--yes", "--quota", "1000");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^\[\d+\/\d+\] create tag/m); // plain progress lines off a TTY
    expect(applied.stdout).toMatch(/Applied: GTM \d+ created/);
    expect(applied.stdout).toMatch(/^calls: \d+ reads, \d+ writes/m);

    const clean = await cli("plan", ".", "--detailed-exitcode");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No changes");
  }, 60_000);
});
