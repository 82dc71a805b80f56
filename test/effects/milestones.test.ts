// Milestones apart: spec milestones are reported as steps, not ranked; a role-less goal every
// converter did first is flagged as a step with a hint; --include-milestones ranks them again; the
// headline speaks of secondary actions (adjusted effects when the source gave them).
import { describe, expect, it } from "vitest";
import type { AdjustedEffect } from "../../src/report/analysis.js";
import { analyze } from "../../src/report/analyze.js";
import { render } from "../../src/report/render/format.js";
import { testGoal, testInput, testProject } from "../report/fixture.js";

const withRoles = () =>
  testProject([
    testGoal("purchase", "macro", [], 80),
    { ...testGoal("view_product", "micro", ["purchase"]), role: "milestone" as const },
    { ...testGoal("add_to_cart", "micro", ["purchase"]), role: "secondary" as const, roleDefaulted: true },
    testGoal("size_guide", "micro", ["purchase"]),
    testGoal("broken_widget", "micro", ["purchase"]),
  ]);

function nobodyWithout() {
  const input = testInput();
  // add_to_cart: every converter did it first (0 of 9,000 converted without it)
  input.pairs[1] = { ...input.pairs[1]!, convertedWithoutMicro: 0 };
  return input;
}

const effect = (relative: number, low: number, high: number): AdjustedEffect => ({
  lift: { relative, low, high },
  method: "test",
  n: 500,
  eValue: { point: 2, bound: 1.5 },
  status: "ok",
  overlap: 1,
  comparisonUsers: 4000,
  notAdjustedFor: [],
  incidence: [{ days: 1, doers: 0.1, comparison: 0.05 }],
  horizonSeconds: 604800,
  significant: low > 0 || high < 0,
});

describe("milestones", () => {
  it("leaves spec milestones out of the ranking and reports them as steps", () => {
    const a = analyze(withRoles(), testInput());
    const vp = a.pairs.find((p) => p.microId === "view_product")!;
    expect(vp).toMatchObject({ role: "milestone", roleSource: "spec", rank: null });
    expect(a.ranking.map((i) => a.pairs[i]!.microId)).not.toContain("view_product");
    expect(a.milestones.map((i) => a.pairs[i]!.microId)).toEqual(["view_product"]);
    expect(vp.stepNote).toBe("step: 87.5% of converters did it first"); // 350 of 400
    const table = render(a, "table");
    expect(table).toMatch(/Steps on the path \(milestones\)[\s\S]*view_product → purchase: step: 87.5%/);
  });

  it("says 'required step' when nobody converted without it, and flags role-less goals with a hint", () => {
    const a = analyze(withRoles(), nobodyWithout());
    const cart = a.pairs.find((p) => p.microId === "add_to_cart")!;
    expect(cart).toMatchObject({ role: "milestone", roleSource: "detected", rank: null });
    expect(cart.stepNote).toBe("required step: no conversions without it (0 of 9,000)");
    expect(cart.hint).toMatch(
      /add_to_cart has no role and 100\.0% of purchase converters did it first: set `role: milestone`/,
    );
    for (const format of ["table", "md", "html"] as const)
      expect(render(a, format), format).toContain("required step: no conversions without it (0 of 9,000)");
  });

  it("ranks a role-less goal below 99% of converters as a secondary action", () => {
    const a = analyze(withRoles(), testInput());
    expect(a.pairs.find((p) => p.microId === "add_to_cart")).toMatchObject({ role: "secondary", rank: 1 });
  });

  it("ranks milestones again with includeMilestones", () => {
    const a = analyze(withRoles(), testInput(), { includeMilestones: true });
    expect(a.milestones).toEqual([]);
    expect(a.ranking.map((i) => a.pairs[i]!.microId)).toContain("view_product");
  });

  it("headlines secondary actions only, by adjusted effect when there is one", () => {
    const input = testInput();
    input.pairs[2] = { ...input.pairs[2]!, microUsers: 300, convertedAfterMicro: 30, nonMicroUsers: 9700 };
    input.adjusted = [
      { microId: "add_to_cart", macroId: "purchase", effect: effect(0.4, 0.1, 0.8) },
      { microId: "size_guide", macroId: "purchase", effect: effect(0.9, 0.2, 1.9) },
    ];
    const a = analyze(withRoles(), input);
    // ranked by the adjusted effect where there is one
    expect(a.ranking.slice(0, 2).map((i) => a.pairs[i]!.microId)).toEqual(["size_guide", "add_to_cart"]);
    const html = render(a, "html");
    expect(html).toMatch(
      /Strongest adjusted effects of secondary actions: size guide → purchase \(\+90% adjusted\); add to cart → purchase \(\+40% adjusted\)/,
    );
    expect(html).not.toMatch(/Strongest[^<]*view product/);
    const table = render(a, "table");
    expect(table).toMatch(/crude lift \[95% CI\] +adjusted \[95% CI\]/);
    expect(table).toMatch(/add_to_cart → purchase .*\+40% \[\+10%, \+80%\]/);
  });
});
