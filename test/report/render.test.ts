import { describe, expect, it } from "vitest";
import { analyze } from "../../src/report/analyze.js";
import { CSV_COLUMNS } from "../../src/report/render/csv.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import { testInput, testProject } from "./fixture.js";

function analysis() {
  const input = testInput();
  input.caveats.subjectToThresholding = true;
  input.caveats.thresholdedQueries = ["goal totals"];
  input.caveats.otherRow = true;
  input.caveats.otherRowQueries = ["goal totals"];
  input.caveats.sampling = [{ query: "funnel shop", samplesReadCount: 500, samplingSpaceSize: 1000 }];
  return analyze(testProject(), input, {
    target: "staging",
    history: [
      { at: "2024-05-06", pairs: [{ microId: "add_to_cart", macroId: "purchase", rate: 0.25, n: 900 }] },
      { at: "2024-05-13", pairs: [{ microId: "add_to_cart", macroId: "purchase", rate: 0.3, n: 1000 }] },
    ],
  });
}

describe("renderers", () => {
  const a = analysis();

  it.each(FORMATS)("%s surfaces thresholding, sampling, (other), missing data and cost", (format) => {
    const out = render(a, format);
    expect(out).toMatch(/thresholding/i);
    expect(out).toMatch(/sampl/i);
    expect(out).toContain("(other)");
    expect(out).toMatch(/broken_widget/);
    if (format === "json") {
      const parsed = JSON.parse(out);
      expect(parsed.cost).toEqual({ requests: 3, tokens: 27 });
      expect(parsed.caveats.missingGoals).toEqual(["broken_widget"]);
    } else {
      expect(out).toMatch(/check its trigger/);
      expect(out).toMatch(/3 Data API requests, 27 quota tokens/);
    }
  });

  it("prints every rate with its n and never shows missing data as 0%", () => {
    const out = render(a, "table");
    expect(out).toContain("30.0% [27.2%–32.9%] n=1,000");
    const broken = out.split("\n").find((l) => l.includes("broken_widget → purchase"))!;
    expect(broken).toContain("no data");
    expect(broken).not.toContain("0.0%");
  });

  it("colours the table only when asked", () => {
    expect(render(a, "table")).not.toContain("\x1b[");
    expect(render(a, "table", { color: true })).toContain("\x1b[32m");
  });

  it("writes CSV with one column per header field and the records in rank order", () => {
    const lines = render(a, "csv").trimEnd().split("\r\n");
    expect(lines[0].split(",")).toEqual([...CSV_COLUMNS]);
    expect(lines[1].startsWith("pair,add_to_cart,purchase,")).toBe(true);
    const quoted = /"[^"]*"/g;
    for (const l of lines) expect(l.replace(quoted, "").split(",").length).toBe(CSV_COLUMNS.length);
  });

  it("writes one self-contained HTML file with inline SVG charts and a trend", () => {
    const html = render(a, "html");
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect((html.match(/<svg /g) ?? []).length).toBe(3); // lift chart (wide + stacked), trend
    expect(html).toContain("add_to_cart → purchase");
  });

  it("escapes goal titles in HTML and markdown", () => {
    const project = testProject();
    project.goals[1].title = "<b>view|product</b>";
    const b = analyze(project, testInput());
    expect(render(b, "html")).toContain("&lt;b&gt;view|product&lt;/b&gt;");
    expect(render(b, "md")).toContain("&lt;b>view\\|product&lt;/b>");
  });

  it("is byte-stable", () => {
    for (const f of FORMATS) expect(render(analysis(), f)).toBe(render(a, f));
  });
});
