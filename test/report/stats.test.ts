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
    expect(l.high + 1).toBeCloseTo(4.0545, 4);
    expect(l.corrected).toBe(false);
  });
  it("corrects zero counts instead of returning an infinite lift", () => {
    const l = relativeLift(5, 50, 0, 50)!;
    expect(l.corrected).toBe(true);
    expect(Number.isFinite(l.relative)).toBe(true);
    expect(l.low).toBeLessThan(l.relative);
    expect(relativeLift(0, 10, 0, 10)).toBeNull();
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
