// The real Google Merchandise Store export (7 days, examples/merch-store): the report prints crude
// and adjusted side by side for every secondary pair; milestones (the checkout steps) are steps.
import { beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../src/report/analysis.js";
import { runReport } from "../../src/report/run-report.js";
import { exportDir } from "../export/merch-project.js";

let analysis: Analysis;
let table: string;

beforeAll(async () => {
  const r = await runReport({
    dir: "examples/merch-store",
    since: "2020-11-01",
    until: "2020-11-08",
    source: { kind: "files", files: `${exportDir}/*.parquet`, allowGaps: true },
  });
  analysis = r.analysis;
  table = r.output;
}, 120_000);

describe("merch store: crude and adjusted", () => {
  it("has an adjusted effect (a figure or why not) for every secondary pair, none for milestones", () => {
    const secondary = analysis.pairs.filter((p) => p.role === "secondary");
    expect(secondary.map((p) => p.microId).sort()).toEqual(
      ["select_item", "select_promotion", "view_apparel", "view_promotion", "view_search_results"].sort(),
    );
    for (const p of secondary) {
      expect(p.adjusted, p.microId).toBeDefined();
      const a = p.adjusted!;
      if (a.status === "ok") {
        expect(a.lift.low!).toBeLessThanOrEqual(a.lift.relative!);
        expect(a.lift.relative!).toBeLessThanOrEqual(a.lift.high!);
        expect(a.eValue.point!).toBeGreaterThanOrEqual(1);
        expect(a.horizonSeconds).toBe(7 * 86400);
      } else expect(a.lift.relative).toBeNull();
    }
    expect(analysis.pairs.filter((p) => p.role === "milestone").every((p) => !p.adjusted)).toBe(true);
  });

  it("prints crude and adjusted for every secondary pair, milestones as required steps", () => {
    for (const p of analysis.pairs.filter((x) => x.role === "secondary")) {
      const row = table
        .split("\n")
        .find((l) => l.includes(`${p.microId} → ${p.macroId}`) && /^\s*(\d+|–) /.test(l));
      expect(row, p.microId).toBeDefined();
      const adjusted = p.adjusted!.status === "ok" ? /[+-]\d+% \[[+-]\d+%, [+-]\d+%\]/ : p.adjusted!.status;
      expect(row).toMatch(adjusted);
    }
    expect(table).toMatch(
      /add_payment_info → purchase: required step: no conversions without it \(0 of 17,511\)/,
    );
    expect(table).not.toMatch(/^\s*\d+\s+(begin_checkout|add_shipping_info|add_payment_info) →/m);
    expect(table).not.toMatch(/NaN|Infinity/);
  });
});
