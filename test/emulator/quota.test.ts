import { afterEach, describe, expect, it } from "vitest";
import { FixedWindow } from "../../src/emulator/quota/fixed-window.js";
import { SlidingWindow } from "../../src/emulator/quota/sliding-window.js";
import { CONTAINER, type Fixture, failure, start } from "./fixture.js";

describe("quota windows", () => {
  it("sliding window admits `limit` per any window span and frees slots as they age out", () => {
    const w = new SlidingWindow(3, 1000);
    expect([0, 100, 200, 300].map((t) => w.tryTake(t))).toEqual([true, true, true, false]);
    expect(w.retryAfterMs(300)).toBe(700);
    expect(w.tryTake(999)).toBe(false);
    expect(w.tryTake(1000)).toBe(true);
    expect(w.tryTake(1050)).toBe(false);
    expect(w.tryTake(1100)).toBe(true);
  });

  it("fixed window refills at the boundary", () => {
    const w = new FixedWindow(2, 60_000);
    expect([1, 2, 3].map((t) => w.tryTake(t))).toEqual([true, true, false]);
    expect(w.tryTake(60_000)).toBe(true);
  });
});

describe("quota over HTTP", () => {
  let f: Fixture;
  afterEach(() => f.emulator.close());

  it("answers GTM's 26th request in a window with 403 rateLimitExceeded, then recovers (time-scaled)", async () => {
    f = await start({ gtmQuota: { perWindow: 25, windowMs: 100_000 }, timeScale: 100 }); // 100 s → 1 s
    for (let i = 0; i < 25; i++) await f.tm.accounts.containers.get({ path: CONTAINER });
    const refused = await failure(f.tm.accounts.containers.get({ path: CONTAINER }));
    expect(refused).toMatchObject({ status: 403, reason: "rateLimitExceeded" });
    expect(refused.message).toMatch(/Quota exceeded/);
    // Control API is not charged.
    await f.control.state();
    await new Promise((r) => setTimeout(r, 1050));
    await f.tm.accounts.containers.get({ path: CONTAINER });
  });

  it("enforces the GTM daily quota", async () => {
    f = await start({ gtmQuota: { perWindow: 1000, perDay: 3 } });
    for (let i = 0; i < 3; i++) await f.tm.accounts.list();
    expect(await failure(f.tm.accounts.list())).toMatchObject({ status: 403, reason: "dailyLimitExceeded" });
    await f.control.resetQuota();
    await f.tm.accounts.list();
  });

  it("limits GA4 Admin per minute and leaves GTM alone", async () => {
    f = await start({ adminQuotaPerMinute: 2 });
    await f.admin.properties.get({ name: "properties/400000001" });
    await f.admin.properties.get({ name: "properties/400000001" });
    expect(await failure(f.admin.properties.get({ name: "properties/400000001" }))).toMatchObject({
      status: 403,
      reason: "rateLimitExceeded",
    });
    await f.tm.accounts.list();
  });
});
