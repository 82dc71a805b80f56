// Reference values from R (prop.test, fisher.test, p.adjust, epitools::riskratio) and scipy.
import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "../../src/report/stats/benjamini-hochberg.js";
import { fisherExact } from "../../src/report/stats/fisher.js";
import { relativeLift } from "../../src/report/stats/lift.js";
import { phi } from "../../src/report/stats/phi.js";
import { sampleSize } from "../../src/report/stats/sample-size.js";
import { twoProportionTest } from "../../src/report/stats/two-proportion.js";
import { wilson } from "../../src/report/stats/wilson.js";

describe("wilson", () => {
  it("matches R prop.test(10, 100, correct = FALSE)$conf.int", () => {
    const ci = wilson(10, 100)!;
    expect(ci.low).toBeCloseTo(0.05522914, 7);
    expect(ci.high).toBeCloseTo(0.17436566, 7);
  });
  it("has upper bound z²/(n+z²) for zero successes and no interval without data", () => {
    const ci = wilson(0, 10)!;
    expect(ci.low).toBe(0);
    expect(ci.high).toBeCloseTo(0.2775328, 6);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe("fisherExact", () => {
  it("matches scipy.stats.fisher_exact two-sided", () => {
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
    expect(fisherExact(8, 2, 1, 5)).toBeCloseTo(0.03496503496503495, 12);
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.48571428571428577, 12);
  });
  it("is 1 for a table with no association", () => {
    expect(fisherExact(5, 5, 5, 5)).toBeCloseTo(1, 12);
  });
});

describe("twoProportionTest", () => {
  it("matches prop.test(c(15, 25), c(50, 50), correct = FALSE)", () => {
    const t = twoProportionTest(15, 50, 25, 50)!;
    expect(t.z * t.z).toBeCloseTo(4.166667, 5);
    expect(t.pValue).toBeCloseTo(0.04122683, 6);
  });
  it("gives p = 1 when both groups have rate 0", () => {
    expect(twoProportionTest(0, 10, 0, 20)!.pValue).toBe(1);
  });
});

describe("relativeLift", () => {
  it("matches the Katz interval of epitools::riskratio (wald)", () => {
    const l = relativeLift(20, 100, 10, 100)!;
    expect(l.relative).toBeCloseTo(1, 12);
    expect(l.low + 1).toBeCloseTo(0.9866, 4);
    expect(l.high! + 1).toBeCloseTo(4.0545, 4);
    expect(l.corrected).toBe(false);
    expect(l.zeroCell).toBeNull();
  });
  it("has no lift when nobody converted in either group", () => {
    expect(relativeLift(0, 10, 0, 10)).toBeNull();
  });
  it("x1 = 0: point −100% inside [−100%, corrected upper] even where the correction reverses direction", () => {
    // 0 of 1 vs 212 of 17,836 (the merch store's add_to_cart): corrected 0.5/2 vs 212.5/17,837 would
    // put the whole Katz interval above 0% ([+90%, +23129%]) around a −100% point.
    const l = relativeLift(0, 1, 212, 17836)!;
    expect(l).toMatchObject({ relative: -1, low: -1, corrected: true, zeroCell: "micro" });
    const logRr = Math.log(0.5 / 2 / (212.5 / 17837));
    const se = Math.sqrt(1 / 0.5 - 1 / 2 + 1 / 212.5 - 1 / 17837);
    expect(l.high!).toBeCloseTo(Math.exp(logRr + 1.959964 * se) - 1, 4);
    expect(l.low).toBeLessThanOrEqual(l.relative!);
    expect(l.relative!).toBeLessThanOrEqual(l.high!);
    // a clear shortfall keeps an upper bound below 0%
    const clear = relativeLift(0, 500, 300, 1000)!;
    expect(clear.high!).toBeLessThan(0);
    expect(clear.high!).toBeGreaterThan(-1);
  });
  it("x2 = 0: no finite lift, a lower bound only, and nothing infinite or NaN", () => {
    const l = relativeLift(212, 326, 0, 17511)!;
    expect(l).toMatchObject({ relative: null, high: null, corrected: true, zeroCell: "baseline" });
    const logRr = Math.log(212.5 / 327 / (0.5 / 17512));
    const se = Math.sqrt(1 / 212.5 - 1 / 327 + 1 / 0.5 - 1 / 17512);
    expect(l.low).toBeCloseTo(Math.exp(logRr - 1.959964 * se) - 1, 2);
    expect(l.low).toBeGreaterThan(1000); // at least 1,000× as likely: a finding, stated as a bound
    expect(JSON.parse(JSON.stringify(l))).toEqual(l);
  });
  it("x2 = 0 with few users keeps a lower bound that can be below 0%", () => {
    const l = relativeLift(1, 40, 0, 10)!;
    expect(l.relative).toBeNull();
    expect(l.low).toBeLessThan(0);
    expect(l.low).toBeGreaterThan(-1);
  });
  it("keeps every bound finite for random tables, and the point inside its interval", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * (n + 1));
    };
    for (let i = 0; i < 500; i++) {
      const n1 = 1 + rnd(200);
      const n2 = 1 + rnd(5000);
      const x1 = rnd(3) === 0 ? 0 : rnd(n1);
      const x2 = rnd(3) === 0 ? 0 : rnd(n2);
      const l = relativeLift(x1, n1, x2, n2);
      if (x1 === 0 && x2 === 0) {
        expect(l).toBeNull();
        continue;
      }
      for (const v of [l!.relative, l!.low, l!.high]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      if (l!.relative !== null) {
        expect(l!.low).toBeLessThanOrEqual(l!.relative + 1e-12);
        expect(l!.relative).toBeLessThanOrEqual(l!.high! + 1e-12);
      }
      expect(l!.low).toBeGreaterThanOrEqual(-1);
    }
  });
});

describe("phi", () => {
  it("is the Pearson correlation of a 2x2 table", () => {
    expect(phi(10, 20, 30, 40)).toBeCloseTo(-0.0890871, 6);
    expect(phi(10, 0, 0, 10)).toBe(1);
    expect(phi(0, 0, 3, 4)).toBe(0);
  });
});

describe("benjaminiHochberg", () => {
  it("matches p.adjust(p, 'BH')", () => {
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205];
    const q = benjaminiHochberg(p) as number[];
    const expected = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0845714, 0.205];
    q.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 6);
    });
  });
  it("keeps input order and passes nulls through", () => {
    expect(benjaminiHochberg([0.04, null, 0.01])).toEqual([0.04, null, 0.02]);
  });
});

describe("sampleSize", () => {
  it("gives the textbook 686 per group for 15% vs 10% at 80% power", () => {
    expect(sampleSize(0.15, 0.1, 1)).toEqual({ n1: 686, n2: 686 });
  });
  it("needs more users for unequal groups and none for equal rates", () => {
    expect(sampleSize(0.15, 0.1, 4)!.n1).toBeLessThan(686);
    expect(sampleSize(0.1, 0.1, 1)).toBeNull();
  });
});
