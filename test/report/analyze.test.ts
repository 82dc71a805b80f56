import { describe, expect, it } from "vitest";
import { analyze } from "../../src/report/analyze.js";
import { testInput, testProject } from "./fixture.js";

describe("analyze", () => {
  const a = analyze(testProject(), testInput(), { target: "staging" });
  const pair = (id: string) => a.pairs.find((p) => p.microId === id)!;

  it("computes rate, baseline, lift, test and value per pair", () => {
    const cart = pair("add_to_cart");
    expect(cart.afterMicro).toMatchObject({ x: 300, n: 1000, rate: 0.3 });
    expect(cart.baseline.rate).toBeCloseTo(100 / 9000, 12);
    expect(cart.lift!.relative).toBeCloseTo(0.3 / (100 / 9000) - 1, 9);
    expect(cart.lift!.low).toBeLessThan(cart.lift!.relative!);
    expect(cart.test).toBe("two-proportion");
    expect(cart.significant).toBe(true);
    expect(cart.valuePerMicro).toBeCloseTo((0.3 - 100 / 9000) * 80, 9);
    expect(cart.moreUsersNeeded).toBe(0);
  });

  it("uses Fisher's exact test when an expected cell is below 5 and flags too few users", () => {
    const guide = pair("size_guide");
    expect(guide.test).toBe("fisher");
    expect(guide.status).toBe("too-few-users");
    expect(guide.note).toContain("min_users is 50");
    expect(guide.moreUsersNeeded).toBeGreaterThan(0);
  });

  it("calls a goal without events missing data, not 0%", () => {
    const broken = pair("broken_widget");
    expect(broken.status).toBe("no-data");
    expect(broken.afterMicro.rate).toBeNull();
    expect(broken.note).toContain("check its trigger");
    expect(broken.rank).toBeNull();
    expect(a.caveats.missingGoals).toEqual(["broken_widget"]);
    expect(a.goals.find((g) => g.id === "broken_widget")!.noData).toBe(true);
  });

  it("ranks ok pairs by lift, then too-few-users, then no-data", () => {
    expect(a.ranking.map((i) => a.pairs[i].microId)).toEqual([
      "add_to_cart",
      "view_product",
      "size_guide",
      "broken_widget",
    ]);
    expect(pair("add_to_cart").rank).toBe(1);
  });

  it("adjusts p-values with Benjamini-Hochberg across pairs", () => {
    const tested = a.pairs.filter((p) => p.pValue !== null);
    for (const p of tested) expect(p.qValue!).toBeGreaterThanOrEqual(p.pValue!);
    expect(tested).toHaveLength(3);
  });

  it("finds the funnel's bottleneck and drop-off", () => {
    const f = a.funnels[0];
    expect(f.steps.map((s) => s.dropOff)).toEqual([null, 4100, 620]);
    expect(f.steps[1].stepConversion!.rate).toBeCloseTo(0.18, 12);
    expect(f.bottleneck).toMatchObject({ fromGoalId: "view_product", toGoalId: "add_to_cart", stepIndex: 1 });
    expect(f.overallConversion.rate).toBeCloseTo(280 / 5000, 12);
  });

  it("measures open funnels by who continued, never above 100%", () => {
    const input = testInput();
    input.funnels = [
      {
        funnelId: "shop",
        open: true,
        steps: [
          { goalId: "view_product", users: 1000, continued: 200 },
          { goalId: "add_to_cart", users: 1300, continued: 100 },
          { goalId: "purchase", users: 150 },
        ],
      },
    ];
    const f = analyze(testProject(), input, { target: "staging" }).funnels[0];
    expect(f.steps[1].stepConversion!.rate).toBeCloseTo(0.2, 12);
    expect(f.steps[1].dropOff).toBe(800);
    expect(f.steps[1].entered).toBe(1100);
    expect(f.steps[2].stepConversion!.rate).toBeCloseTo(100 / 1300, 12);
    expect(f.steps[2].entered).toBe(50);
    expect(f.bottleneck).toMatchObject({ fromGoalId: "add_to_cart", toGoalId: "purchase" });
  });

  it("gives no step conversion for an open funnel whose source cannot say who continued", () => {
    const input = testInput();
    input.funnels = [{ ...input.funnels[0], open: true }];
    const f = analyze(testProject(), input, { target: "staging" }).funnels[0];
    expect(f.steps.map((s) => s.stepConversion)).toEqual([null, null, null]);
    expect(f.bottleneck).toBeNull();
  });

  it("ranks a pair nobody converts without by its lower bound when that bound is not above 0%", () => {
    // view_product: 350 of 5000 after it, 0 of 5000 without. size_guide: 20 of 9900 after it, 0 of
    // 100 without (almost everyone did it): no finite lift, a lower bound below 0%, ranked below
    // the clear findings (the case view_apparel showed when the Data API counted every page_view).
    const input = testInput();
    input.pairs[0] = { ...input.pairs[0], convertedWithoutMicro: 0 };
    input.pairs[2] = {
      ...input.pairs[2],
      microUsers: 9900,
      convertedAfterMicro: 20,
      nonMicroUsers: 100,
      convertedWithoutMicro: 0,
    };
    const b = analyze(testProject(), input);
    const p = (id: string) => b.pairs.find((x) => x.microId === id)!;
    expect(p("view_product").lift).toMatchObject({ relative: null, zeroCell: "baseline" });
    expect(p("view_product").lift!.low).toBeGreaterThan(0);
    expect(p("view_product").rank).toBe(1);
    expect(p("size_guide").lift).toMatchObject({ relative: null, zeroCell: "baseline" });
    expect(p("size_guide").lift!.low).toBeLessThan(0);
    expect(p("size_guide").significant).toBe(false);
    expect(p("size_guide").rank!).toBeGreaterThan(p("add_to_cart").rank!);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(analyze(testProject(), testInput(), { target: "staging" }))).toBe(
      JSON.stringify(a),
    );
  });
});
