// Item: an open funnel's conversion is the share of first-step users who went through every step,
// not last-step users ÷ first-step users (which counts users who entered at the last step). The
// figures are the demo's B2B funnel: 4,122 → 842 → 1,314 users, 262 of whom came through.
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/report/analyze.js";
import { render } from "../../../src/report/render/format.js";
import { testInput, testProject } from "../fixture.js";

function openFunnel(middleEntrants = 0) {
  const project = testProject();
  project.funnels[0].open = true;
  const input = testInput();
  input.funnels = [
    {
      funnelId: "shop",
      open: true,
      steps: [
        { goalId: "view_product", users: 4122, continued: 842 },
        { goalId: "add_to_cart", users: 842 + middleEntrants, continued: 262 },
        { goalId: "purchase", users: 1314 },
      ],
    },
  ];
  return analyze(project, input);
}

describe("through-funnel conversion", () => {
  it("is the users who went through every step, exact while nobody entered midway", () => {
    const f = openFunnel().funnels[0];
    expect(f.overallConversion.rate).toBeCloseTo(1314 / 4122, 12); // still there, named for what it is
    expect(f.throughConversion).toMatchObject({ x: 262, n: 4122 });
    expect(f.throughConversion!.rate).toBeCloseTo(262 / 4122, 12);
    expect(f.throughConversion!.low).not.toBeNull();
    expect(f.throughEstimated).toBe(false);
    expect(f.steps.map((s) => s.throughConversion?.x)).toEqual([4122, 842, 262]);
  });

  it("is an estimate without an interval when users entered at an intermediate step", () => {
    const f = openFunnel(158).funnels[0]; // 1,000 at step 2, 158 of them entered there
    // 842 came through to step 2; 262 of its 1,000 went on: 842 × 0.262 ≈ 221 came through
    expect(f.throughEstimated).toBe(true);
    expect(f.throughConversion!.x).toBe(221);
    expect(f.throughConversion!.rate).toBeCloseTo((842 * 0.262) / 4122, 12);
    expect(f.throughConversion!.low).toBeNull();
    const table = render(analyze(testProject(), testInput()), "table");
    expect(table).not.toContain("≈"); // closed funnels are exact
    expect(render(openFunnel(158), "table")).toMatch(/through the funnel: ≈5\.4% — about 221 of 4,122/);
  });

  it("equals last ÷ first in a closed funnel", () => {
    const f = analyze(testProject(), testInput()).funnels[0];
    expect(f.throughConversion).toEqual(f.overallConversion);
    expect(f.steps.map((s) => s.throughConversion)).toEqual(f.steps.map((s) => s.overallConversion));
  });

  it("is what every format names as the funnel's conversion", () => {
    const a = openFunnel();
    const table = render(a, "table");
    expect(table).toContain("through from first step");
    expect(table).toMatch(/through the funnel: 6\.4% \[[^\]]+\] n=4,122 — 262 of 4,122 first-step users/);
    expect(table).toMatch(/1,052 of the last step's 1,314 users did not come through every step/);
    expect(table).not.toMatch(/^\s*purchase .*31\.9%/m); // the step row shows 6.4%, not last ÷ first
    const md = render(a, "md");
    expect(md).toContain("| Through from first step |");
    expect(md).toMatch(/Through the funnel: 6\.4% .*262 of 4,122/);
    const html = render(a, "html");
    expect(html).toMatch(/Through the funnel: <b>6\.4%<\/b>/);
    expect(html).not.toContain("overall conversion");
    expect(html).toContain("6.4% of first-step users came through");
    const json = JSON.parse(render(a, "json"));
    expect(json.funnels[0].throughConversion).toMatchObject({ x: 262, n: 4122 });
    expect(json.funnels[0].throughEstimated).toBe(false);
  });
});
