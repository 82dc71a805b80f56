// Planted truth: in paid search the micro goal leads to purchases, in organic social it does not.
// The breakdown must find the first and not the second, fold small segments into "(other)", keep
// "(not set)", and carry the same shape through JSON.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../../src/report/analysis.js";
import { runReport } from "../../../src/report/run-report.js";
import { filesReport } from "../../../src/report/sources/files/files-source.js";
import { goal, merchProject } from "../../export/merch-project.js";
import { stagesDuring } from "../../support/report-stages.js";
import { writePlantedExport } from "./planted-export.js";

const dir = mkdtempSync(join(tmpdir(), "breakdown-planted-"));
let files: string;
const project = {
  ...merchProject([goal("purchase", "macro"), goal("add_to_cart", "micro")]),
  funnels: [],
  targets: [
    {
      name: "demo",
      gtm: { accountId: "1", containerId: "2", workspaceName: "w" },
      ga4: { propertyId: "123", measurementId: "G-X" },
      source: { file: "microgoals.yaml", pointer: "" },
    },
  ],
};
project.report = { ...project.report, since: "2024-05-01", until: "2024-05-01", minUsers: 50 };

beforeAll(async () => {
  files = await writePlantedExport(dir, [
    { source: "google", medium: "cpc", users: 1500, microShare: 0.4, rateAfter: 0.3, baseline: 0.02 },
    { source: "facebook", medium: "social", users: 1500, microShare: 0.4, rateAfter: 0.05, baseline: 0.05 },
    { source: "newsletter", medium: "email", users: 20, microShare: 0.5, rateAfter: 0.5, baseline: 0.1 },
    { source: "partner", medium: "affiliate", users: 25, microShare: 0.5, rateAfter: 0.5, baseline: 0.1 },
    { source: null, medium: null, users: 30, microShare: 0.5, rateAfter: 0.5, baseline: 0.1 },
  ]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = async (by: "channel" | "source", format: "json" | "table" | "md" | "html" = "json") =>
  runReport({
    project,
    source: { kind: "files", files },
    breakdown: { dimensions: [by], scope: "first_visit" },
    format,
  });

const seg = (a: Analysis, value: string) => a.breakdown!.segments.find((s) => s.value === value);

describe("breakdown on generated traffic with planted channel effects", () => {
  it("finds the lift where it was planted and not where it was not", async () => {
    const { analysis } = await report("channel");
    const paid = seg(analysis, "Paid Search")!.pairs[0]!;
    const social = seg(analysis, "Organic Social")!.pairs[0]!;
    expect(paid.significant).toBe(true);
    expect(paid.lift!.low).toBeGreaterThan(3); // planted 0.30 / 0.02 − 1 = 14
    expect(social.significant).toBe(false);
    expect(social.lift!.low).toBeLessThan(0);
    expect(social.lift!.high).toBeGreaterThan(0);
    expect(seg(analysis, "Paid Search")!.totalUsers).toBe(1500);
  });

  it("folds segments under min_users into (other), keeps (not set), and sums to every user", async () => {
    const { analysis } = await report("source");
    const b = analysis.breakdown!;
    expect(b.scope).toBe("first_visit");
    expect(b.dimension).toBe("source");
    const other = b.segments.find((s) => s.kind === "folded")!;
    expect(other.value).toBe("(other)");
    expect(other.foldedValues!.sort()).toEqual(["newsletter", "partner"]);
    expect(other.totalUsers).toBe(45);
    expect(seg(analysis, "(not set)")).toMatchObject({ kind: "notSet", totalUsers: 30 });
    expect(b.segments.reduce((n, s) => n + s.totalUsers, 0)).toBe(analysis.totalUsers);
    // Benjamini–Hochberg once over every segment × pair test.
    expect(b.tests).toBe(b.segments.flatMap((s) => s.pairs).filter((p) => p.pValue !== null).length);
  });

  it("writes the documented JSON shape and says which scope in every format", async () => {
    const json = JSON.parse((await report("channel", "json")).output);
    expect(json.breakdown).toMatchObject({ dimension: "channel", scope: "first_visit" });
    const s = json.breakdown.segments[0];
    expect(Object.keys(s)).toEqual(expect.arrayContaining(["value", "totalUsers", "macro", "pairs"]));
    expect(s.macro.rate).toMatchObject({ x: expect.any(Number), n: s.totalUsers });
    expect(s.pairs[0]).toMatchObject({ microId: "add_to_cart", macroId: "purchase" });
    const table = (await report("channel", "table")).output;
    expect(table).toContain("Breakdown by channel");
    expect(table).toContain("Scope: users by their first visit in the range");
    expect(table).toMatch(/Paid Search .* \*/);
  });

  it("colours the HTML table by lift with the significance mark in text, and writes the Markdown table", async () => {
    const html = (await report("channel", "html")).output;
    const section = html.slice(html.indexOf("<h2>Breakdown by channel"), html.indexOf("<h2>Goals"));
    expect(section).toContain("Scope: users by their first visit in the range");
    // Paid Search: significant and up — green, bold, marked; Organic Social: not significant — no mark.
    const paid = section.slice(
      section.indexOf(">Paid Search<"),
      section.indexOf("</tr>", section.indexOf(">Paid Search<")),
    );
    expect(paid).toMatch(/background:rgba\(46,125,50,0\.[3-9]\d?\)[^>]*><b>\+\d+% \*<\/b>/);
    const social = section.slice(
      section.indexOf(">Organic Social<"),
      section.indexOf("</tr>", section.indexOf(">Organic Social<")),
    );
    expect(social).not.toContain("*");
    const md = (await report("channel", "md")).output;
    expect(md).toContain("### Breakdown by channel");
    expect(md).toMatch(/\| Paid Search \| 1,500 \| [\d.]+% .* \| \+\d+% \\\* \|/);
  });

  it("reads the same segments from newline-delimited JSON as from Parquet", async () => {
    const req = { dimensions: ["channel" as const], scope: "first_visit" as const };
    const { result: parquet, stages } = await stagesDuring(() =>
      filesReport(project, { files, breakdown: req }),
    );
    // The segments' statement is a stage of its own on a terminal (it can take longer than the rest).
    expect(stages.at(-1)).toBe("counting goals by segment");
    const ndjson = await filesReport(project, { files: join(dir, "planted.json"), breakdown: req });
    expect(ndjson.breakdown!.segments).toEqual(parquet.breakdown!.segments);
    expect(ndjson.breakdown!.segments.map((x) => x.values[0])).toContain("Paid Search");
  });
});
