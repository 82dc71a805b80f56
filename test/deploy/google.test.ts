import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorFacts, isRateLimit, isRetryable, mayHaveApplied, redact } from "../../src/google/api-error.js";
import { connect, readKeyFile, scopes } from "../../src/google/auth.js";
import { Budget } from "../../src/google/budget.js";
import { ApiCallError, ApiCaller } from "../../src/google/caller.js";
import { Pacer } from "../../src/google/pacer.js";
import { backoffMs, defaultRetry } from "../../src/google/retry.js";
import { fakeClock } from "./fake-clock.js";

function gaxiosLike(status: number, reason?: string, retryAfter?: string) {
  return Object.assign(new Error(`HTTP ${status}`), {
    status,
    response: {
      status,
      headers: new Headers(retryAfter ? { "retry-after": retryAfter } : {}),
      data: { error: { code: status, message: `failed ${status}`, errors: [{ reason }] } },
    },
  });
}

describe("pacer", () => {
  it("lets `limit` calls through, then waits until the oldest leaves the window", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 3, windowMs: 1000 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      await pacer.acquire();
      starts.push(clock.now());
      pacer.release();
    }
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    // never more than 3 starts in any 1000 ms window
    for (const s of starts)
      expect(starts.filter((x) => x > s - 1000 && x <= s).length).toBeLessThanOrEqual(3);
  });
});

describe("retry", () => {
  it("classifies rate limits, server errors, network errors and client errors", () => {
    expect(isRateLimit(errorFacts(gaxiosLike(429)))).toBe(true);
    expect(isRateLimit(errorFacts(gaxiosLike(403, "rateLimitExceeded")))).toBe(true);
    expect(isRetryable(errorFacts(gaxiosLike(403, "forbidden")))).toBe(false);
    expect(isRetryable(errorFacts(gaxiosLike(503)))).toBe(true);
    expect(isRetryable(errorFacts(gaxiosLike(400, "invalid")))).toBe(false);
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(isRetryable(errorFacts(reset))).toBe(true);
    expect(mayHaveApplied(errorFacts(reset))).toBe(true);
    expect(mayHaveApplied(errorFacts(gaxiosLike(429)))).toBe(false);
  });

  it("uses full jitter under an exponential ceiling and honours Retry-After", () => {
    const policy = { ...defaultRetry, random: () => 0.5 };
    const none = errorFacts(gaxiosLike(503));
    expect(backoffMs(policy, 1, none)).toBe(500);
    expect(backoffMs(policy, 4, none)).toBe(4000);
    expect(backoffMs({ ...policy, random: () => 0.999 }, 20, none)).toBeLessThan(64_000);
    expect(backoffMs(policy, 1, errorFacts(gaxiosLike(429, undefined, "7")))).toBe(7000);
    expect(backoffMs({ ...policy, timeScale: 100 }, 1, errorFacts(gaxiosLike(429, undefined, "7")))).toBe(70);
  });

  it("retries transient failures, counts them, and gives up on client errors at once", async () => {
    const clock = fakeClock();
    const budget = new Budget(clock.now);
    const caller = new ApiCaller({ budget, clock, retry: { random: () => 1 } });
    let n = 0;
    const value = await caller.call("write", "tags.create", async () => {
      n++;
      if (n === 1) throw gaxiosLike(429);
      if (n === 2) throw gaxiosLike(500);
      return "ok";
    });
    expect(value).toBe("ok");
    expect(budget.snapshot()).toMatchObject({ writes: 3, retries: 2, rateLimited: 1 });
    const err = await caller
      .call("read", "tags.get", () => Promise.reject(gaxiosLike(404)))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(budget.snapshot().retries).toBe(2);
  });

  it("on a possibly-applied failure asks recover() before sending the write again", async () => {
    const clock = fakeClock();
    const caller = new ApiCaller({ budget: new Budget(clock.now), clock });
    let sends = 0;
    const value = await caller.call(
      "write",
      "tags.create",
      async () => {
        sends++;
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      },
      { recover: async () => "found-by-marker" },
    );
    expect(value).toBe("found-by-marker");
    expect(sends).toBe(1);
  });

  it("stops between calls when aborted", async () => {
    const ac = new AbortController();
    const caller = new ApiCaller({ budget: new Budget(), signal: ac.signal });
    ac.abort();
    await expect(caller.call("read", "tags.list", async () => 1)).rejects.toThrow(/interrupted/);
  });
});

describe("credentials", () => {
  const SECRET =
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-super-secret\n-----END PRIVATE KEY-----\n";
  const dir = mkdtempSync(join(tmpdir(), "mg-cred-"));

  it("never echoes a key file's content in errors", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, `{"type":"service_account","private_key":"${SECRET.replace(/\n/g, "\\n")}", oops}`);
    const err = (await readKeyFile(broken).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/not valid JSON/);
    expect(err.message).not.toContain("super-secret");
    const partial = join(dir, "partial.json");
    writeFileSync(partial, JSON.stringify({ type: "service_account", private_key: SECRET }));
    const err2 = (await readKeyFile(partial).catch((e: unknown) => e)) as Error;
    expect(err2.message).toMatch(/is not a usable service-account key: client_email missing/);
    expect(err2.message).not.toContain("super-secret");
    const user = join(dir, "user.json");
    writeFileSync(
      user,
      JSON.stringify({ type: "authorized_user", client_email: "a@b", private_key: SECRET }),
    );
    expect(((await readKeyFile(user).catch((e: unknown) => e)) as Error).message).not.toContain(
      "super-secret",
    );
  });

  it("redacts keys and tokens from any message", () => {
    const text = `bad ${SECRET} Authorization: Bearer ya29.a0AfH6SMBx-token "access_token": "abc.def"`;
    const out = redact(text);
    expect(out).not.toMatch(/super-secret|ya29|abc\.def/);
  });

  it("an endpoint means no auth and a root URL for every client; plan asks only read-only scopes", async () => {
    expect(await connect({ endpoint: "http://127.0.0.1:1234", scopes: "plan" })).toEqual({
      rootUrl: "http://127.0.0.1:1234/",
    });
    expect(scopes.plan.every((s) => s.endsWith(".readonly"))).toBe(true);
    expect(scopes.apply).not.toContain("https://www.googleapis.com/auth/tagmanager.publish");
  });
});
