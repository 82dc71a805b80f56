// Zero cells in every format on a hand-built input: nobody converted without view_product (no
// finite lift, only a lower bound) and nobody converted after add_to_cart (−100%, open to the left).
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/report/analysis.js";
import { analyze } from "../../src/report/analyze.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import { liftAxis } from "../../src/report/render/html/lift-axis.js";
import { liftForest } from "../../src/report/render/html/lift-forest.js";
import { renderHtml } from "../../src/report/render/html/render-html.js";
import { twoProportionTest } from "../../src/report/stats/two-proportion.js";
import { testInput, testProject } from "./fixture.js";

function zeroCells(): Analysis {
  const input = testInput();
  const set = (id: string, after: number, without: number) => {
    const p = input.pairs.find((x) => x.microId === id)!;
    p.convertedAfterMicro = after;
    p.convertedWithoutMicro = without;
  };
  set("view_product", 350, 0); // 350 of 5,000 vs 0 of 5,000
  set("add_to_cart", 0, 100); // 0 of 1,000 vs 100 of 9,000
  return analyze(testProject(), input);
}

describe("zero cells", () => {
  const a = zeroCells();
  const pair = (id: string) => a.pairs.find((p) => p.microId === id)!;

  it("analyzes them one-sided, with Fisher/z p-values, value and rank as before", () => {
    const view = pair("view_product");
    expect(view.lift).toMatchObject({ relative: null, high: null, zeroCell: "baseline" });
    expect(view.lift!.low).toBeGreaterThan(10);
    expect(view.rank).toBe(1);
    expect(view.valuePerMicro).toBeCloseTo(0.07 * 80, 9);
    const cart = pair("add_to_cart");
    expect(cart.lift).toMatchObject({ relative: -1, low: -1, zeroCell: "micro" });
    // clearly below 0% (0 of 1,000 vs 1.1%), if conservatively so: the corrected Katz bound
    expect(cart.lift!.high!).toBeCloseTo(-0.28, 2);
    expect(cart.test).toBe("two-proportion"); // smallest expected cell 10
    expect(cart.pValue).toBe(twoProportionTest(0, 1000, 100, 9000)!.pValue);
    expect(view.test).toBe("two-proportion");
    expect(view.pValue).toBe(twoProportionTest(350, 5000, 0, 5000)!.pValue);
    expect(cart.significant).toBe(true);
    expect(cart.valuePerMicro).toBeCloseTo((0 - 100 / 9000) * 80, 9);
  });

  it.each(FORMATS)("%s says which group had no conversions and prints nothing infinite", (format) => {
    const out = render(a, format);
    expect(out).not.toMatch(/Infinity|NaN|∞/);
    if (format === "json") {
      const j = JSON.parse(out);
      expect(j.schemaVersion).toBe(2);
      expect(j.pairs.find((p: { microId: string }) => p.microId === "view_product").lift).toMatchObject({
        relative: null,
        high: null,
        zeroCell: "baseline",
      });
    } else if (format === "csv") {
      const rows = out.split("\r\n");
      const header = rows[0].split(",");
      const view = rows.find((r) => r.startsWith("pair,view_product,"))!.split(",");
      const col = (name: string) => view[header.indexOf(name)];
      expect([col("lift"), col("lift_high"), col("lift_zero_cell")]).toEqual(["", "", "baseline"]);
      expect(Number(col("lift_low"))).toBeGreaterThan(10);
    } else {
      expect(out).toMatch(/≥ \+\d+%/);
      expect(out).toContain("no conversions without it (0 of 5,000)");
      expect(out).toContain("no conversions after it (0 of 1,000)");
      if (format !== "html") expect(out).toContain("-100% [-100%, -28%]");
    }
  });

  it("html: the summary names the step without a finite number, cells keep their interval", () => {
    const html = renderHtml(a);
    expect(html).toMatch(/Strongest: view product → purchase \(≥ \+\d+% — no conversions without it/);
    expect(html).toMatch(
      /<b style="color:#c62828">-100%<\/b> <small class="zero">-100% to -28% · no conversions after it/,
    );
    expect(html).toContain("An arrow to the edge is an open-ended interval");
  });

  it("lift chart: open ends are arrows to the plot edge, dots only for finite points, axis from finite values", () => {
    const ranked = a.ranking.map((i) => a.pairs[i]);
    for (const layout of ["wide", "stacked"] as const) {
      const svg = liftForest(ranked, layout);
      expect(svg).not.toContain("NaN");
      const plotRight = layout === "wide" ? 976 : 376;
      const plotLeft = layout === "wide" ? 480 : 24;
      const arrows = [...svg.matchAll(/<path class="arrow" d="M[\d.]+ [\d.]+L([\d.]+) /g)].map((m) =>
        Number(m[1]),
      );
      expect(arrows.sort((x, y) => x - y)).toEqual([plotLeft, plotRight]);
      // each open whisker is long enough to see (the axis leaves room past its finite bound)
      for (const g of svg.split('<g class="whisker open">').slice(1)) {
        const [, x1, x2] = g.match(/<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/)!;
        expect(Number(x2) - Number(x1)).toBeGreaterThan(20);
      }
      // 3 pairs with a lift (broken_widget has none), two of them without a finite point on the axis
      expect(svg.match(/<circle /g)).toHaveLength(1);
      expect(svg).toContain("add_to_cart → purchase: no conversions after it (0 of 1,000)");
    }
    // view_product's lower bound (×2 room for its arrow), add_to_cart's upper bound (÷2), size_guide
    const view = pair("view_product").lift!;
    const cart = pair("add_to_cart").lift!;
    const guide = pair("size_guide").lift!;
    const finite = [
      1 + view.low,
      (1 + view.low) * 2,
      1 + cart.high!,
      (1 + cart.high!) / 2,
      ...[guide.low, guide.relative!, guide.high!].map((v) => 1 + v),
    ];
    const expected = liftAxis(finite, 480, 976, 58).ticks.map((t) => t.label);
    expect(expected.at(-1)).toBe("+5000%"); // not the corrected upper bound of view_product
    const wide = liftForest(ranked, "wide");
    expect([...wide.matchAll(/class="tick[^"]*"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(expected);
  });
});
