// GA4's hard per-property limits (key events, custom dimensions) answer 429 RESOURCE_EXHAUSTED
// `limitExceeded`, the same status as a rate limit. Waiting cannot help: the call fails at once,
// with a hint, instead of being retried (8 times, minutes of backoff) like a quota refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorFacts, isHardLimit, isRateLimit, isRetryable } from "../../src/google/api-error.js";
import { Budget } from "../../src/google/budget.js";
import { ApiCallError, ApiCaller } from "../../src/google/caller.js";
import { type Fixture, start } from "../emulator/fixture.js";
import { fakeClock } from "./fake-clock.js";

let f: Fixture;
beforeAll(async () => {
  f = await start({ keyEventLimit: 1, customDimensionLimit: 1 });
});
afterAll(() => f.emulator.close());

const property = "properties/400000077";

describe("a full GA4 property", () => {
  it("is not retried: one call, a clear error", async () => {
    const clock = fakeClock();
    const budget = new Budget(clock.now);
    const caller = new ApiCaller({ budget, clock });
    const create = (eventName: string) =>
      caller.call("write", "keyEvents.create", () =>
        f.admin.properties.keyEvents.create({
          parent: property,
          requestBody: { eventName, countingMethod: "ONCE_PER_EVENT" },
        }),
      );
    await create("first_one");
    const err = await create("second_one").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).message).toMatch(/HTTP 429.*reached the limit of 1 key events/);
    expect((err as ApiCallError).hint).toMatch(/archive/);
    expect(budget.snapshot()).toMatchObject({ writes: 2, retries: 0, rateLimited: 0 });
    expect(clock.slept).toEqual([]);
  });

  it("is told apart from a rate limit with the same status", async () => {
    const err = await f.admin.properties.customDimensions
      .create({
        parent: property,
        requestBody: { parameterName: "a", displayName: "a", scope: "EVENT" },
      })
      .then(() =>
        f.admin.properties.customDimensions.create({
          parent: property,
          requestBody: { parameterName: "b", displayName: "b", scope: "EVENT" },
        }),
      )
      .catch((e: unknown) => e);
    const facts = errorFacts(err);
    expect(facts.status).toBe(429);
    expect(isHardLimit(facts)).toBe(true);
    expect(isRateLimit(facts)).toBe(false);
    expect(isRetryable(facts)).toBe(false);
    const quota = errorFacts({
      response: { status: 429, data: { error: { errors: [{ reason: "rateLimitExceeded" }] } } },
    });
    expect(isRateLimit(quota)).toBe(true);
    expect(isHardLimit(quota)).toBe(false);
  });
});
