// Items: the HTML lift chart names pairs by the goals' titles (ids only on hover), and at phone
// width (the stacked layout, 400 units across a 420 px screen) no label is cut and no grid line or
// the 0% line runs through a label or a figure. Checked by the chart's geometry, with the same
// glyph-width estimate the chart lays out with; scripts/screenshot-report.ts shows it in Chromium.
import { describe, expect, it } from "vitest";
import type { PairAnalysis } from "../../../src/report/analysis.js";
import { analyze } from "../../../src/report/analyze.js";
import { liftForest } from "../../../src/report/render/html/lift-forest.js";
import { trendLines } from "../../../src/report/render/html/svg-charts.js";
import { CHAR, FIG_CHAR } from "../../../src/report/render/html/svg-text.js";
import { testInput, testProject } from "../fixture.js";

const LONG = "Requested a demo of the enterprise plan from the pricing page";

function ranked(): PairAnalysis[] {
  const project = testProject();
  project.goals.find((g) => g.id === "view_product")!.title = LONG;
  const a = analyze(project, testInput());
  return a.ranking.map((i) => a.pairs[i]);
}

interface Box {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  text: string;
}

const fromXml = (s: string) => s.replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");

function labelBoxes(svg: string): Box[] {
  return [...svg.matchAll(/<tspan x="([\d.]+)" y="([\d.]+)">([^<]*)<\/tspan>/g)].map((m) => {
    const x = Number(m[1]);
    const y = Number(m[2]);
    const text = fromXml(m[3]);
    return { x1: x, x2: x + [...text].length * CHAR, y1: y - 11, y2: y + 4, text };
  });
}

function figureBoxes(svg: string): Box[] {
  return [
    ...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" class="fig" text-anchor="(start|end)"[^>]*>([^<]*)</g),
  ].map((m) => {
    const x = Number(m[1]);
    const y = Number(m[2]);
    const text = fromXml(m[4]);
    const w = [...text].length * FIG_CHAR;
    return {
      x1: m[3] === "start" ? x : x - w,
      x2: m[3] === "start" ? x + w : x,
      y1: y - 11,
      y2: y + 4,
      text,
    };
  });
}

function gridLines(svg: string): { x: number; y1: number; y2: number }[] {
  return [...svg.matchAll(/<line class="grid" x1="([\d.]+)" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)"/g)].map(
    (m) => ({
      x: Number(m[1]),
      y1: Number(m[2]),
      y2: Number(m[3]),
    }),
  );
}

describe("lift chart layout", () => {
  const pairs = ranked();

  it.each(["wide", "stacked"] as const)("%s: labels are the goals' titles, ids only on hover", (layout) => {
    const svg = liftForest(pairs, layout);
    const labels = labelBoxes(svg)
      .map((b) => b.text)
      .join(" ");
    expect(labels).toContain("add to cart → purchase");
    expect(labels).not.toContain("add_to_cart");
    expect(svg).toContain("<title>add_to_cart → purchase</title>");
  });

  it.each([
    ["wide", 2],
    ["stacked", 2],
  ] as const)("%s: a long title wraps onto at most %i lines, whole", (layout, most) => {
    const svg = liftForest(pairs, layout);
    expect(svg).not.toContain("…");
    const text = labelBoxes(svg).map((b) => b.text);
    const start = text.findIndex((t) => t.startsWith("Requested a demo"));
    const end = text.findIndex((t, i) => i >= start && t.endsWith("→ purchase"));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end - start + 1).toBeGreaterThan(1);
    expect(end - start + 1).toBeLessThanOrEqual(most);
    expect(text.slice(start, end + 1).join(" ")).toBe(`${LONG} → purchase`);
  });

  it.each(["wide", "stacked"] as const)(
    "%s: no grid line crosses a label or a figure, and all fit",
    (layout) => {
      const svg = liftForest(pairs, layout);
      const width = Number(svg.match(/viewBox="0 0 (\d+) /)![1]);
      const boxes = [...labelBoxes(svg), ...figureBoxes(svg)];
      expect(boxes.length).toBeGreaterThan(pairs.length);
      const grid = gridLines(svg);
      expect(grid.length).toBeGreaterThan(0);
      for (const b of boxes) {
        expect(b.x1, b.text).toBeGreaterThanOrEqual(0);
        expect(b.x2, b.text).toBeLessThanOrEqual(width);
        for (const g of grid) {
          const crosses = g.x > b.x1 && g.x < b.x2 && g.y1 < b.y2 && g.y2 > b.y1;
          expect(crosses, `grid line at x=${g.x} through "${b.text}"`).toBe(false);
        }
      }
      // labels never overlap each other or a figure
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
          expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
        }
    },
  );

  it("names the trend chart's lines by title too", () => {
    const history = [
      { at: "2026-11-02", pairs: [{ microId: "add_to_cart", macroId: "purchase", rate: 0.2, n: 900 }] },
      { at: "2026-11-09", pairs: [{ microId: "add_to_cart", macroId: "purchase", rate: 0.3, n: 900 }] },
    ];
    const svg = trendLines(history, pairs);
    expect(svg).toContain(">add to cart → purchase</tspan>");
    expect(svg).toContain("<title>add_to_cart → purchase</title>");
  });
});
