import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/report/analysis.js";
import { analyze } from "../../src/report/analyze.js";
import { emptyCaveats } from "../../src/report/model.js";
import { liftAxis } from "../../src/report/render/html/lift-axis.js";
import { liftForest } from "../../src/report/render/html/lift-forest.js";
import { renderHtml } from "../../src/report/render/html/render-html.js";
import { testInput, testProject } from "./fixture.js";

function analysis(): Analysis {
  const input = testInput();
  input.caveats.subjectToThresholding = true;
  input.caveats.thresholdedQueries = ["goal totals"];
  return analyze(testProject(), input, { target: "staging" });
}

/** The <tr> of the ranking table whose pair title starts with `title`. */
function rankingRow(html: string, title: string): string {
  const table = html.slice(html.indexOf('<table class="cards ranking">'));
  const body = table.slice(0, table.indexOf("</table>"));
  const row = body.split("<tr>").find((r) => r.includes(`<span class="pair">${title} `));
  if (!row) throw new Error(`no row for ${title}`);
  return row;
}

describe("HTML report", () => {
  const a = analysis();
  const html = renderHtml(a);

  it("is one self-contained file: no script, stylesheet link, font, image or URL", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|https?:\/\//i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it("marks significance in words, not only colour", () => {
    const sig = a.pairs.filter((p) => p.significant);
    const notSig = a.pairs.filter((p) => !p.significant && p.status === "ok");
    expect(sig.length).toBeGreaterThan(0);
    for (const p of sig) expect(rankingRow(html, p.microTitle)).toContain("✓ significant");
    for (const p of notSig) expect(rankingRow(html, p.microTitle)).not.toContain("✓");
    expect(rankingRow(html, "size guide")).toContain("? too few users");
    expect(rankingRow(html, "broken widget")).toContain("✕ no data");
    // the chart's figures carry the same marker
    const wide = liftForest(a.ranking.map((i) => a.pairs[i]));
    expect(wide).toMatch(/\+\d+% \[[^\]]+\] ✓<\/text>/);
  });

  it("shows data-quality caveats and a how-to-read line before the numbers", () => {
    const caveats = html.indexOf("Before you use these numbers");
    const howto = html.indexOf("How to read this:");
    const ranking = html.indexOf("cards ranking");
    expect(caveats).toBeGreaterThan(0);
    expect(html.slice(caveats, howto)).toMatch(/thresholding/);
    expect(html.slice(caveats, howto)).toMatch(/broken_widget/);
    expect(howto).toBeGreaterThan(caveats);
    expect(ranking).toBeGreaterThan(howto);
  });

  it("has no caveat box when there is nothing to warn about", () => {
    const clean = analyze(testProject(), testInput());
    clean.caveats = emptyCaveats();
    const out = renderHtml(clean);
    expect(out).not.toContain("Before you use these numbers");
    expect(out).toContain("How to read this:");
  });

  it("draws the lift chart twice (desktop and phone) with a labelled axis and a no-lift line", () => {
    for (const layout of ["wide", "stacked"] as const) {
      const svg = liftForest(
        a.ranking.map((i) => a.pairs[i]),
        layout,
      );
      expect(svg).toContain(`class="chart forest ${layout}"`);
      expect(svg).toContain('class="tick zero" text-anchor="middle">0%</text>');
      expect(svg).toContain(">+100%</text>");
      expect(svg).toContain('stroke-dasharray="4 3"'); // the no-lift line
      expect(svg).toMatch(/class="axis"[^>]*>lift/);
      expect(svg).not.toContain("NaN");
    }
    expect(html).toMatch(/@media \(max-width:700px\)\{[^@]*\.forest\.wide\{display:none\}/);
    expect(html).toContain("@media print{");
  });

  it("labels every ranking cell so the phone layout can show rows as cards", () => {
    const table = html.slice(html.indexOf('<table class="cards ranking">'));
    const body = table.slice(0, table.indexOf("</table>"));
    const cells = body.match(/<td[^>]*>/g) ?? [];
    expect(cells).toHaveLength(a.pairs.length * 9);
    for (const c of cells) expect(c).toContain("data-label=");
  });

  it("draws funnels as bars with step conversion and names the bottleneck in words", () => {
    const funnel = html.slice(html.indexOf('<ol class="funnel">'), html.indexOf("</ol>"));
    const widths = [...funnel.matchAll(/style="width:([\d.]+)%"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(100);
    expect(widths.length).toBe(a.funnels[0].steps.length);
    expect(widths[1]).toBeLessThan(widths[0]);
    expect(funnel).toMatch(/continued · [\d,]+ dropped off/);
    expect(funnel).toContain("▼ bottleneck");
  });

  it("keeps every rate's n next to it", () => {
    const row = rankingRow(html, "add to cart");
    expect(row).toContain("<b>30.0%</b> <small>27.2%–32.9% · n=1,000</small>");
  });
});

describe("lift axis", () => {
  it("always includes 0%, spaces ticks apart and spans at least −50%…+100%", () => {
    const axis = liftAxis([1.1, 1.3], 100, 900, 50);
    const labels = axis.ticks.map((t) => t.label);
    expect(labels).toContain("0%");
    expect(labels).toContain("-50%");
    expect(labels).toContain("+100%");
    const xs = axis.ticks.map((t) => axis.x(t.ratio));
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(50);
    expect(axis.x(0.5)).toBeCloseTo(100);
    expect(axis.x(2)).toBeCloseTo(900);
  });

  it("stays finite for a zero or infinite interval end", () => {
    const axis = liftAxis([0, Number.POSITIVE_INFINITY, 30], 0, 500, 40);
    expect(axis.x(0)).toBe(0);
    expect(axis.x(Number.POSITIVE_INFINITY)).toBe(500);
    expect(axis.ticks.some((t) => t.label === "+2000%")).toBe(true);
  });
});
