// A quota refusal (the window filled by calls the pacer could not see) waits a whole window through
// the pacer instead of spending the transient-error attempts; a daily-limit answer is never retried.

import { describe, expect, it } from "vitest";
import { errorFacts, isDailyLimit, isRateLimit, isRetryable } from "../../src/google/api-error.js";
import { Budget } from "../../src/google/budget.js";
import { ApiCallError, ApiCaller } from "../../src/google/caller.js";
import { Pacer } from "../../src/google/pacer.js";
import { quotaEtaMs } from "../../src/plan/quota-eta.js";
import { fakeClock } from "./fake-clock.js";

function refusal(reason: string, limit = "Queries per 100 seconds") {
  return Object.assign(new Error("HTTP 403"), {
    status: 403,
    response: {
      status: 403,
      headers: new Headers(),
      data: {
        error: {
          code: 403,
          message: `Quota exceeded for quota metric 'Queries' and limit '${limit}' of service 'tagmanager.googleapis.com'`,
          errors: [{ reason }],
        },
      },
    },
  });
}

describe("quota refusal", () => {
  it("tells a daily limit from a window limit", () => {
    const daily = errorFacts(refusal("dailyLimitExceeded", "Queries per day"));
    expect(isDailyLimit(daily)).toBe(true);
    expect(isRateLimit(daily)).toBe(false);
    expect(isRetryable(daily)).toBe(false);
    const window = errorFacts(refusal("rateLimitExceeded"));
    expect(isDailyLimit(window)).toBe(false);
    expect(isRateLimit(window)).toBe(true);
  });

  it("saturate() makes the next call wait a full window from the refusal", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 25, windowMs: 1000, marginMs: 5 }, clock);
    await pacer.acquire();
    pacer.release();
    expect(pacer.waitMs()).toBe(0); // 1 of 25 used: room as far as this pacer knows
    pacer.saturate(clock.now());
    expect(pacer.waitMs()).toBe(1005);
    expect(quotaEtaMs(1, pacer.window())).toBe(1005);
    await pacer.acquire();
    expect(clock.now()).toBe(1005);
  });

  it("retries refusals past maxAttempts, one window each, counting every answer", async () => {
    const clock = fakeClock();
    const budget = new Budget(clock.now);
    const pacer = new Pacer({ limit: 25, windowMs: 1000 }, clock);
    const caller = new ApiCaller({ budget, pacer, clock, retry: { maxAttempts: 2 } });
    let n = 0;
    const value = await caller.call("read", "tags.list", async () => {
      if (++n <= 5) throw refusal("rateLimitExceeded");
      return "ok";
    });
    expect(value).toBe("ok");
    expect(n).toBe(6); // 5 refusals although only 2 transient attempts are allowed
    expect(clock.now()).toBe(5000); // a full window after each refusal, no shorter backoff
    expect(budget.snapshot()).toMatchObject({ reads: 6, retries: 5, rateLimited: 5 });
  });

  it("gives up after maxQuotaWaits windows with a clear error", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 25, windowMs: 1000 }, clock);
    const caller = new ApiCaller({
      budget: new Budget(clock.now),
      pacer,
      clock,
      retry: { maxQuotaWaits: 3 },
    });
    const err = await caller
      .call("read", "tags.list", () => Promise.reject(refusal("rateLimitExceeded")))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).hint).toMatch(/after waiting 3 full quota windows/);
    expect(clock.now()).toBe(3000);
  });

  it("a daily-limit answer is not retried: one call, a UserError with a hint", async () => {
    const clock = fakeClock();
    const budget = new Budget(clock.now);
    const pacer = new Pacer({ limit: 25, windowMs: 1000 }, clock);
    const caller = new ApiCaller({ budget, pacer, clock });
    const err = (await caller
      .call("write", "tags.create", () => Promise.reject(refusal("dailyLimitExceeded", "Queries per day")))
      .catch((e: unknown) => e)) as ApiCallError;
    expect(err.message).toMatch(/daily API quota is used up \(tags\.create\) \(HTTP 403\)/);
    expect(err.hint).toMatch(/midnight Pacific/);
    expect(err.exitCode).toBe(1);
    expect(budget.snapshot()).toMatchObject({ writes: 1, retries: 0 });
    expect(clock.slept).toEqual([]);
  });
});
