// Mantel–Haenszel risk ratio and its Greenland–Robins variance against worked values.
import { describe, expect, it } from "vitest";
import { mantelHaenszelRiskRatio } from "../../../src/report/stats/mantel-haenszel.js";

describe("mantelHaenszelRiskRatio", () => {
  it("UGDP tolbutamide trial stratified by age (Rothman, Greenland & Lash, Modern Epidemiology, ch. 15)", () => {
    // Deaths / patients, tolbutamide vs placebo: age < 55: 8/106 vs 5/120; age ≥ 55: 22/98 vs 16/85.
    // By hand: Σ a·n0/N = 8·120/226 + 22·85/183 = 4.2478 + 10.2186 = 14.4664;
    //          Σ b·n1/N = 5·106/226 + 16·98/183 = 2.3451 + 8.5683 = 10.9134; RR = 1.3256.
    // Greenland–Robins: Σ (n1·n0·(a+b) − a·b·N)/N² = 156320/51076 + 252124/33489 = 3.0605 + 7.5286
    //   = 10.5891; Var(ln RR) = 10.5891 / (14.4664 · 10.9134) = 0.067071, SE = 0.25898;
    //   95%: exp(ln 1.3256 ± 1.95996 · 0.25898) = 0.7979 … 2.2023; 90%: 0.8659 … 2.0296.
    const strata = [
      { a: 8, n1: 106, b: 5, n0: 120 },
      { a: 22, n1: 98, b: 16, n0: 85 },
    ];
    const m = mantelHaenszelRiskRatio(strata);
    expect(m.rr).toBeCloseTo(1.3256, 4);
    expect(m.logSe).toBeCloseTo(0.25898, 4);
    expect(m.low).toBeCloseTo(0.7979, 3);
    expect(m.high).toBeCloseTo(2.2023, 3);
    const ninety = mantelHaenszelRiskRatio(strata, 0.9);
    expect(ninety.low).toBeCloseTo(0.8659, 3);
    expect(ninety.high).toBeCloseTo(2.0296, 3);
    // The crude ratio (30/204 vs 21/205 = 1.4356) is further from 1: age confounds it.
    expect(30 / 204 / (21 / 205)).toBeGreaterThan(m.rr!);
  });

  it("one stratum: the crude risk ratio with Katz's variance 1/a − 1/n1 + 1/b − 1/n0", () => {
    const m = mantelHaenszelRiskRatio([{ a: 30, n1: 200, b: 20, n0: 400 }]);
    expect(m.rr).toBeCloseTo(30 / 200 / (20 / 400), 10);
    expect(m.logSe).toBeCloseTo(Math.sqrt(1 / 30 - 1 / 200 + 1 / 20 - 1 / 400), 10);
  });

  it("the same ratio in every stratum is the common ratio, whatever the confounding", () => {
    const m = mantelHaenszelRiskRatio([
      { a: 40, n1: 100, b: 100, n0: 500 },
      { a: 4, n1: 400, b: 2, n0: 400 },
    ]);
    expect(m.rr).toBeCloseTo(2, 10);
  });

  it("drops strata without both arms, and gives no ratio without outcomes in one arm", () => {
    const m = mantelHaenszelRiskRatio([
      { a: 5, n1: 50, b: 0, n0: 0 },
      { a: 0, n1: 0, b: 3, n0: 40 },
      { a: 0, n1: 10, b: 2, n0: 20 },
    ]);
    expect(m.informative).toBe(1);
    expect(m.exposed).toBe(10);
    expect(m.rr).toBeNull();
    expect(m.low).toBeNull();
  });
});
