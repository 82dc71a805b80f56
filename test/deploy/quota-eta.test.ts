import { describe, expect, it } from "vitest";
import { formatEta, quotaEtaMs } from "../../src/plan/quota-eta.js";

// GTM's real window: 25 calls per 100 s.
const gtm = { limit: 25, windowMs: 100_000, now: 1_000_000 };

describe("quota ETA (lower bound from the window state)", () => {
  it("an empty window: the first 25 calls are free, then a window per 25", () => {
    expect(quotaEtaMs(0, { ...gtm, completions: [] })).toBe(0);
    expect(quotaEtaMs(25, { ...gtm, completions: [] })).toBe(0);
    expect(quotaEtaMs(26, { ...gtm, completions: [] })).toBe(100_000);
    expect(quotaEtaMs(48, { ...gtm, completions: [] })).toBe(100_000);
    expect(quotaEtaMs(51, { ...gtm, completions: [] })).toBe(200_000);
  });

  it("the issue's case: at 2/48 right after a full window, minutes remain, not 1 s", () => {
    // 25 calls finished over the last 10 s: each slot frees 100 s after its call.
    const completions = Array.from({ length: 25 }, (_, i) => gtm.now - 10_000 + i * 400);
    const eta = quotaEtaMs(46, { ...gtm, completions });
    expect(eta).toBe(2 * 100_000 - 10_000 + 20 * 400); // 46 = 25 + 21: the 21st of the next burst
    expect(formatEta(eta)).toBe("3m18s");
  });

  it("counts calls in flight, other processes' calls, margins and a refusal's block", () => {
    const others = [gtm.now - 50_000];
    expect(quotaEtaMs(25, { ...gtm, completions: others })).toBe(50_000);
    expect(quotaEtaMs(24, { ...gtm, completions: others, inFlight: 1 })).toBe(50_000);
    expect(quotaEtaMs(1, { ...gtm, completions: [], blockedUntil: gtm.now + 100_000, marginMs: 500 })).toBe(
      100_500,
    );
    // Calls older than the window are ignored.
    expect(quotaEtaMs(25, { ...gtm, completions: [gtm.now - 100_000] })).toBe(0);
  });

  it("a time-scaled window (emulator ×100) gives the scaled figure", () => {
    const scaled = { limit: 25, windowMs: 100_000 / 100, now: 0, completions: [] };
    expect(quotaEtaMs(48, scaled)).toBe(1000);
  });

  it("formats short", () => {
    expect(formatEta(0)).toBe("0s");
    expect(formatEta(999)).toBe("1s");
    expect(formatEta(272_000)).toBe("4m32s");
    expect(formatEta(3_900_000)).toBe("1h05m");
  });
});
