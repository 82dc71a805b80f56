import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { EmulatorControl } from "../../src/emulator/control-client.js";
import type { Emulator } from "../../src/emulator/server.js";
import { startEmulator } from "../../src/emulator/server.js";
import {
  endpointQuotaEpoch,
  forgetStaleWindows,
  QuotaMemory,
  quotaKey,
  quotaMemoryPath,
} from "../../src/google/quota-memory.js";
import { openSession } from "../../src/gtm/session.js";
import { closeEmulators, exampleDesired } from "./harness.js";

afterEach(closeEmulators);

const dir = () => mkdtempSync(join(tmpdir(), "microgoals-quota-"));

describe("quota memory file", () => {
  it("resolves: override, off, XDG cache for Google, nothing for an endpoint by default", () => {
    expect(quotaMemoryPath(undefined, { XDG_CACHE_HOME: "/x" })).toBe("/x/microgoals/gtm-quota.json");
    expect(quotaMemoryPath("http://127.0.0.1:1/", { XDG_CACHE_HOME: "/x" })).toBeUndefined();
    expect(quotaMemoryPath("http://127.0.0.1:1/", { MICROGOALS_QUOTA_FILE: "/q.json" })).toBe("/q.json");
    expect(quotaMemoryPath(undefined, { MICROGOALS_QUOTA_FILE: "off" })).toBeUndefined();
    expect(quotaMemoryPath(undefined, {})).toMatch(/\.cache\/microgoals\/gtm-quota\.json$/);
    expect(quotaKey(undefined)).not.toBe(quotaKey("http://127.0.0.1:1/"));
    // An endpoint that names its window (the emulator) is remembered in the temp folder, per window.
    // One file per window: runs against another emulator never rewrite this one's file.
    const folder = join(tmpdir(), `microgoals-${process.getuid?.() ?? "user"}`);
    expect(quotaMemoryPath("http://127.0.0.1:1/", {}, "w1")).toBe(
      join(folder, `emulator-quota-${quotaKey("http://127.0.0.1:1/", "w1")}.json`),
    );
    expect(quotaMemoryPath("http://127.0.0.1:2/", {}, "w1")).not.toBe(
      quotaMemoryPath("http://127.0.0.1:1/", {}, "w1"),
    );
    expect(quotaMemoryPath("http://127.0.0.1:1/", { MICROGOALS_QUOTA_FILE: "off" }, "w1")).toBeUndefined();
    expect(quotaKey("http://127.0.0.1:1/", "w1")).not.toBe(quotaKey("http://127.0.0.1:1/", "w2"));
    expect(quotaKey("http://127.0.0.1:1/", "w1")).not.toBe(quotaKey("http://127.0.0.1:1/"));
  });

  it("forgets the files of windows nobody wrote to for a day, and only those", () => {
    const folder = dir();
    const now = Date.now();
    const old = join(folder, "emulator-quota-0123456789abcdef.json");
    const fresh = join(folder, "emulator-quota-fedcba9876543210.json");
    const other = join(folder, "notes.json");
    for (const f of [old, fresh, other]) writeFileSync(f, "{}");
    const twoDaysAgo = new Date(now - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(other, twoDaysAgo, twoDaysAgo);
    forgetStaleWindows(folder, now);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(other)).toBe(true);
    forgetStaleWindows(join(folder, "missing"), now); // no folder: nothing happens
  });

  it("the emulator names its window, anew on every reset; no quota, another pace, another server: none", async () => {
    const emu = await startEmulator({ port: 0, timeScale: 50 });
    const window = 100_000 / 50;
    try {
      const first = await endpointQuotaEpoch(emu.url, window);
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(await new EmulatorControl(emu.url).gtmQuotaWindow()).toEqual({
        epoch: first,
        windowMs: window,
        perWindow: 25,
      });
      expect(await endpointQuotaEpoch(`${emu.url}/`, window)).toBe(first);
      emu.quota.reset();
      const second = await endpointQuotaEpoch(emu.url, window);
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      // A client pacing to the real 100 s window would wait for calls this emulator forgot.
      expect(await endpointQuotaEpoch(emu.url, 100_000)).toBeUndefined();
    } finally {
      await emu.close();
    }
    const unlimited = await startEmulator({ port: 0, gtmQuota: false });
    try {
      expect(await endpointQuotaEpoch(unlimited.url, 100_000)).toBeUndefined();
    } finally {
      await unlimited.close();
    }
    const other = createServer((_req, res) => {
      res.statusCode = 404;
      res.end("{}");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const { port } = other.address() as { port: number };
    expect(await endpointQuotaEpoch(`http://127.0.0.1:${port}`, 100_000)).toBeUndefined();
    await new Promise((resolve) => other.close(resolve));
    // Nothing listening: none, and no error.
    expect(await endpointQuotaEpoch(`http://127.0.0.1:${port}`, 100_000)).toBeUndefined();
  });

  it("a writer sees the others' calls in the window, not its own, and not other projects'", () => {
    const path = join(dir(), "sub", "q.json");
    let now = 10_000;
    const a = new QuotaMemory(path, "p", 1000, () => now);
    const b = new QuotaMemory(path, "p", 1000, () => now);
    const other = new QuotaMemory(path, "other", 1000, () => now);
    expect(a.exchange([9_500, 9_900])).toEqual([]);
    other.exchange([9_950]);
    expect(b.exchange([9_990])).toEqual([9_500, 9_900]);
    expect([...a.exchange([9_500, 9_900, 10_000])].sort()).toEqual([9_990]);
    now = 10_600; // 9_500 left the window
    expect(b.exchange([9_990])).toEqual([9_900, 10_000]);
    now = 20_000; // everything expired: the file forgets the projects
    b.exchange([]);
    a.exchange([]);
    other.exchange([]);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ version: 1, projects: {} });
  });

  it("a corrupt, foreign or unwritable file is ignored, never an error", () => {
    const path = join(dir(), "q.json");
    for (const text of ["{not json", '{"version":2}', '{"version":1,"projects":{"p":{"w":{"calls":"x"}}}}']) {
      writeFileSync(path, text);
      expect(new QuotaMemory(path, "p", 1000).exchange([Date.now()])).toEqual([]);
    }
    const blocked = join(path, "cannot", "be", "a", "dir.json"); // parent is a file
    expect(new QuotaMemory(blocked, "p", 1000).exchange([Date.now()])).toEqual([]);
  });
});

describe("two processes in a row against GTM's quota (time-scaled)", () => {
  // The 100 s window lasts 2.5 s: the first process's three plans must fit in one window even when
  // the machine is busy (at ×100 they sometimes outlasted it, and the second run had nothing to wait for).
  const SCALE = 40;
  const desired = exampleDesired();
  let emu: Emulator;

  beforeAll(async () => {
    // A deployed container, so that each plan reads the workspace: 8 GTM reads per plan.
    emu = await startEmulator({ port: 0, timeScale: SCALE });
    const setup = await openSession({
      endpoint: emu.url,
      scopes: "apply",
      timeScale: SCALE,
      quotaMemory: false,
    });
    await applyPlan({ desired }, { session: setup });
  }, 30_000);
  afterAll(() => emu?.close());

  async function twoRuns(quotaMemory: string | false | undefined) {
    emu.quota.reset(); // a fresh window: only what the two runs below do counts
    const open = () =>
      openSession({
        endpoint: emu.url,
        scopes: "plan",
        timeScale: SCALE,
        quotaMemory,
        // The default retry policy: a refusal must not depend on a generous attempt budget.
      });
    // First process: three plans, 24 GTM reads, just under the 25 allowed: no pacing needed.
    const first = await open();
    for (let i = 0; i < 3; i++) await planDeploy(desired, { session: first });
    // Second process, right after: its 8 GTM reads do not fit in what is left of the window.
    const second = await open();
    const r = await planDeploy(desired, { session: second });
    return { first: first.budget.snapshot(), second: r.budget };
  }

  it("with the memory file the second run waits and sees 0 rate-limit answers", async () => {
    const { first, second } = await twoRuns(join(dir(), "q.json"));
    const ga4Lists =
      first.byMethod["keyEvents.list"] +
      first.byMethod["customDimensions.list"] +
      first.byMethod["audiences.list"];
    expect(first.reads - ga4Lists).toBe(24);
    expect(first.rateLimited).toBe(0);
    expect(first.pacedMs).toBe(0);
    expect(second.rateLimited).toBe(0);
    expect(second.pacedMs).toBeGreaterThan(0);
  });

  it("by default the emulator's window is remembered: the second run waits, 0 rate-limit answers", async () => {
    // No file named: the session asks the emulator which window it is in (quota-memory.ts).
    const { first, second } = await twoRuns(undefined);
    expect(first.rateLimited).toBe(0);
    expect(second.rateLimited).toBe(0);
    expect(second.pacedMs).toBeGreaterThan(0);
  });

  it("without it the second run is refused, waits a full window through the pacer, and succeeds", async () => {
    const t0 = Date.now();
    const { second } = await twoRuns(false);
    expect(second.rateLimited).toBeGreaterThanOrEqual(1);
    expect(second.rateLimited).toBeLessThanOrEqual(2); // one window wait, not a burst of backoffs
    expect(second.pacedMs).toBeGreaterThanOrEqual(100_000 / SCALE); // the 100-s window, time-scaled
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("a daily-limit answer fails at once with a clear error, no retry", async () => {
    const daily = await startEmulator({ port: 0, timeScale: SCALE, gtmQuota: { perDay: 1 } });
    try {
      const s = await openSession({
        endpoint: daily.url,
        scopes: "plan",
        timeScale: SCALE,
        quotaMemory: false,
      });
      const err = (await planDeploy(desired, { session: s }).catch((e: unknown) => e)) as Error & {
        exitCode: number;
        hint: string;
      };
      expect(err.message).toMatch(/daily API quota is used up \(\S+\) \(HTTP 403\): .*Queries per day/);
      expect(err.exitCode).toBe(1);
      expect(err.hint).toMatch(/midnight Pacific/);
      expect(s.budget.snapshot()).toMatchObject({ retries: 0 });
      expect(s.budget.snapshot().reads).toBe(2); // the one allowed GTM read, then the refused one; nothing after it
    } finally {
      await daily.close();
    }
  });
});
