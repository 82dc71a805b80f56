import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import type { Emulator } from "../../src/emulator/server.js";
import { AbortedError } from "../../src/google/clock.js";
import { openSession } from "../../src/gtm/session.js";
import { hasChanges } from "../../src/plan/model.js";
import {
  control,
  emulator,
  exampleDesired,
  ownedKeys,
  session,
  TIME_SCALE,
  workspaceEntities,
} from "./harness.js";

let emu: Emulator;
afterEach(async () => {
  await emu?.close();
});

function expectExactlyDesired(e: Emulator) {
  const desired = exampleDesired();
  const ws = workspaceEntities(e)!;
  // no duplicates: every owned key exactly once
  expect(ownedKeys(ws.entities.tag)).toEqual(desired.gtm.tags.map((t) => t.key).sort());
  expect(ownedKeys(ws.entities.trigger)).toEqual(desired.gtm.triggers.map((t) => t.key).sort());
  expect(ownedKeys(ws.entities.variable)).toEqual(desired.gtm.variables.map((t) => t.key).sort());
  expect(ws.entities.folder.filter((f) => String(f.notes).includes("key=folder"))).toHaveLength(1);
  const p = e.state.ga4.properties.find((x) => x.propertyId === "400000001")!;
  expect(p.keyEvents.map((k) => k.eventName).sort()).toEqual(["add_to_cart", "demo_request", "purchase"]);
  expect(
    p.customDimensions
      .filter((d) => !d.archived)
      .map((d) => d.parameterName)
      .sort(),
  ).toEqual(desired.ga4.customDimensions.map((d) => d.parameterName).sort());
}

describe("faults, paging and interruption", () => {
  it("a create whose response was lost is recognised by its marker, not created twice", async () => {
    emu = await emulator();
    await control(emu, "POST", "/faults/queue", {
      kind: "lost",
      count: 1,
      pattern: "/tags$",
      method: "POST",
    });
    await control(emu, "POST", "/faults/queue", {
      kind: "lost",
      count: 1,
      pattern: "/triggers$",
      method: "POST",
    });
    await control(emu, "POST", "/faults/queue", {
      kind: "lost",
      count: 1,
      pattern: "/keyEvents$",
      method: "POST",
    });
    const r = await applyPlan({ desired: exampleDesired() }, { session: await session(emu) });
    expect(r.budget.retries).toBe(3);
    expectExactlyDesired(emu);
  });

  it("20% injected faults (429/500/503/reset/lost) converge to exactly the desired state", async () => {
    emu = await emulator({
      seed: 7,
      faults: { rates: { http429: 0.04, http500: 0.04, http503: 0.04, drop: 0.04, lost: 0.04 } },
    });
    const r = await applyPlan({ desired: exampleDesired() }, { session: await session(emu) });
    expect(r.budget.retries).toBeGreaterThan(3);
    await control(emu, "DELETE", "/faults");
    expectExactlyDesired(emu);
    const again = await planDeploy(exampleDesired(), { session: await session(emu) });
    expect(hasChanges(again.plan)).toBe(false);
  });

  it("paces to the quota window: zero rate-limit answers for a deploy larger than the window", async () => {
    // 1-s windows: even on a loaded machine a window's 25 calls come faster than that, so the deploy
    // must wait (with 100-ms windows slow calls alone could spread it out).
    emu = await emulator({ timeScale: 100 });
    const s = await openSession({ endpoint: emu.url, scopes: "publish", timeScale: 100 });
    const r = await applyPlan({ desired: exampleDesired() }, { session: s });
    expect(r.budget.reads + r.budget.writes).toBeGreaterThan(25);
    expect(r.budget.rateLimited).toBe(0);
    expect(r.budget.pacedMs).toBeGreaterThan(0);
  });

  it("pages through lists longer than a page, at a constant number of calls per page", async () => {
    emu = await emulator({ pageSize: 5 });
    const desired = exampleDesired();
    const s = await session(emu); // one quota window: no rate-limit retry inflates the counts
    const first = await applyPlan({ desired }, { session: s });
    const again = await applyPlan({ desired }, { session: s });
    expect(again.budget.writes).toBe(first.budget.writes);
    expect(again.budget.rateLimited).toBe(0);
    const count = (m: string) => again.budget.byMethod[m] - first.budget.byMethod[m];
    const pages = (n: number) => Math.max(1, Math.ceil(n / 5));
    expect(count("tags.list")).toBe(pages(desired.gtm.tags.length));
    expect(count("triggers.list")).toBe(pages(desired.gtm.triggers.length));
    expect(pages(desired.gtm.tags.length)).toBeGreaterThan(1);
  });

  it("an apply interrupted at any point converges on the next run with no duplicates", async () => {
    emu = await emulator();
    for (const stopAfter of [1, 3, 17, 30]) {
      const ac = new AbortController();
      const s = (await session(emu)).withSignal(ac.signal);
      const err = await applyPlan(
        { desired: exampleDesired() },
        { session: s, onProgress: (_step, done) => done >= stopAfter && ac.abort(new AbortedError()) },
      ).catch((e: unknown) => e);
      if (err !== undefined && !(err as { plan?: unknown }).plan) expect(err).toBeInstanceOf(AbortedError);
    }
    const last = await applyPlan({ desired: exampleDesired() }, { session: await session(emu) });
    expect(last.budget.rateLimited).toBeLessThanOrEqual(last.budget.retries);
    expectExactlyDesired(emu);
    expect(hasChanges((await planDeploy(exampleDesired(), { session: await session(emu) })).plan)).toBe(
      false,
    );
  });

  it("a raised quota is honoured (no pacing needed under it)", async () => {
    emu = await emulator({ gtmQuota: { perWindow: 1000 } });
    const s = await openSession({ endpoint: emu.url, scopes: "apply", timeScale: TIME_SCALE, quota: 1000 });
    const r = await applyPlan({ desired: exampleDesired() }, { session: s });
    expect(r.budget.pacedMs).toBe(0);
    expect(r.budget.rateLimited).toBe(0);
  });
});
