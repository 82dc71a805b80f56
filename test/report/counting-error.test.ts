// GA4's counting error in the report: the error model against real HLL++ sketches (coverage over
// many seeds), intervals that carry it, and the status a pair gets instead of a number when a count
// is within the error of zero — in every format.
import { describe, expect, it } from "vitest";
import { HyperLogLogPlusPlus, USER_PRECISION } from "../../src/emulator/data/hyperloglog.js";
import { mulberry32 } from "../../src/emulator/traffic/prng.js";
import { analyze } from "../../src/report/analyze.js";
import { COUNTING_ERROR_NOTE, dataApiPairSigma } from "../../src/report/approximate-counts.js";
import type { ReportInput } from "../../src/report/model.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import { countingSigma, differenceSigma } from "../../src/report/stats/counting-error.js";
import { testInput, testProject } from "./fixture.js";

const HLL = { method: "hll++", precision: 14, sparsePrecision: 25 } as const;

describe("counting error model", () => {
  it("est ± 1.96σ(est) covers the exact count in ≥ 93% of 60 seeds, sparse and dense alike", () => {
    const sizes = [700, 4000, 8100, 9500, 12000, 30000, 90000];
    let covered = 0;
    let cases = 0;
    for (const n of sizes) {
      let here = 0;
      for (let seed = 1; seed <= 60; seed++) {
        // Uniform 64-bit hashes (hash64's quality is tested with the sketch).
        const r = mulberry32(seed * 7919 + n);
        const s = new HyperLogLogPlusPlus(USER_PRECISION);
        for (let i = 0; i < n; i++) s.add((r() * 2 ** 32) >>> 0, (r() * 2 ** 32) >>> 0);
        const est = s.count();
        if (Math.abs(est - n) <= 1.96 * countingSigma(est)) here++;
      }
      expect(here / 60, `n = ${n}`).toBeGreaterThanOrEqual(0.85);
      covered += here;
      cases += 60;
    }
    expect(covered / cases).toBeGreaterThanOrEqual(0.93);
  });

  it("is a fraction of a user in sparse mode and 1.04/√m of the count in dense mode", () => {
    expect(countingSigma(0)).toBe(0);
    expect(countingSigma(12)).toBeCloseTo(0.5, 3);
    expect(countingSigma(38000) / 38000).toBeCloseTo(1.04 / 128, 4);
  });
});

/** The 7-day Merchandise Store shape of view_item → purchase: 12 buyers without view_item. */
function merchLike(baselineAsDifference: boolean): ReportInput {
  const input = testInput();
  input.totalUsers = 38000;
  input.counting = HLL;
  const p = input.pairs[0]!; // view_product
  Object.assign(p, {
    microUsers: 17000,
    convertedAfterMicro: 480,
    nonMicroUsers: 21000,
    convertedWithoutMicro: 12,
  });
  const sigma = dataApiPairSigma(p, input.totalUsers, USER_PRECISION);
  // users(micro ∪ macro) − users(micro): a difference of two estimates of ~17,000 users
  if (baselineAsDifference) sigma.convertedWithoutMicro = differenceSigma(17012, 17000, USER_PRECISION);
  p.sigma = sigma;
  for (const q of input.pairs.slice(1)) q.sigma = dataApiPairSigma(q, input.totalUsers, USER_PRECISION);
  return input;
}

describe("the report with GA4's counting error", () => {
  it("widens every interval by it, leaving point estimates alone", () => {
    const exact = analyze(testProject(), testInput());
    const input = testInput();
    input.counting = HLL;
    for (const p of input.pairs) p.sigma = dataApiPairSigma(p, input.totalUsers, USER_PRECISION);
    const approx = analyze(testProject(), input);
    for (const [i, p] of approx.pairs.entries()) {
      const e = exact.pairs[i]!;
      expect(p.status).toBe(e.status);
      expect(p.afterMicro.rate).toBe(e.afterMicro.rate);
      if (e.afterMicro.low === null) continue;
      expect(p.afterMicro.low!).toBeLessThanOrEqual(e.afterMicro.low);
      expect(p.baseline.high!).toBeGreaterThanOrEqual(e.baseline.high!);
      if (e.lift?.high) expect(p.lift!.high!).toBeGreaterThanOrEqual(e.lift.high);
    }
    const step = approx.funnels[0]!.steps[1]!.stepConversion!;
    const exactStep = exact.funnels[0]!.steps[1]!.stepConversion!;
    expect(step.low!).toBeLessThan(exactStep.low!);
    expect(approx.counting).toEqual(HLL);
    expect(exact.counting).toEqual({ method: "exact" });
  });

  it("prints a baseline measured as one count (12 buyers: exact in sparse mode)", () => {
    const a = analyze(testProject(), merchLike(false));
    const p = a.pairs[0]!;
    expect(p.status).toBe("ok");
    expect(p.baseline.rate).toBeCloseTo(12 / 21000, 8);
  });

  it("withholds a baseline measured as a difference of estimates: status and reason, not a number", () => {
    const a = analyze(testProject(), merchLike(true));
    const p = a.pairs[0]!;
    expect(p.status).toBe("counting-error");
    expect(p.note).toBe(COUNTING_ERROR_NOTE);
    expect(p.baseline).toMatchObject({ x: 12, n: 21000, rate: null, low: null, high: null });
    expect(p.lift).toBeNull();
    expect(p.pValue).toBeNull();
    expect(p.significant).toBe(false);
    expect(p.rank).toBeNull();
    expect(a.ranking.at(-1)).not.toBe(0); // ranks after every pair with figures except no-data
  });

  it.each(FORMATS)("%s shows the status, the reason and the counting method", (format) => {
    const a = analyze(testProject(), merchLike(true));
    const out = render(a, format);
    expect(out).not.toMatch(/NaN|Infinity/);
    if (format === "json") {
      const j = JSON.parse(out);
      expect(j.pairs[0]).toMatchObject({ status: "counting-error", note: COUNTING_ERROR_NOTE });
      expect(j.pairs[0].baseline.rate).toBeNull();
      expect(j.counting).toEqual(HLL);
      expect(JSON.stringify(j.notes)).toContain("HyperLogLog++");
      return;
    }
    expect(out).toContain("baseline below GA4");
    expect(out).toContain("--source files|bigquery");
    expect(out).toContain("HyperLogLog++ estimates (precision 14)");
    if (format === "csv") {
      expect(out).toMatch(/pair,view_product,[^\r\n]*counting-error/);
      return;
    }
    // the pair's line carries no baseline percentage
    const line = out.split("\n").find((l) => l.includes("view_product") && l.includes("baseline below"));
    expect(line, format).toBeDefined();
    expect(line).not.toMatch(/0\.1%|0\.06%/);
  });
});
