// Zero cells on real data: the Google Merchandise Store export, where nobody buys without
// add_payment_info (baseline 0 of 17,511) and the one add_to_cart user never bought (0 of 1).
// Both sources — DuckDB over the files and the GA4 Data API (official client, emulator on port 0)
// — must analyze and render these pairs the same, honestly, in every format.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExport } from "../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { loadProject } from "../../src/project/load.js";
import type { Project } from "../../src/project/model.js";
import type { Analysis, PairAnalysis } from "../../src/report/analysis.js";
import { analyze } from "../../src/report/analyze.js";
import { planReport } from "../../src/report/query-plan.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import { liftForest } from "../../src/report/render/html/lift-forest.js";
import { dataClients } from "../../src/report/sources/data-api/clients.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { exportDir } from "../export/merch-project.js";

const files = `${exportDir}/*.parquet`;
const range = { since: "2020-11-01", until: "2020-11-08" };
let project: Project;
let sql: Analysis;
let api: Analysis;
let emulator: Emulator;

beforeAll(async () => {
  const loaded = await loadProject("examples/merch-store");
  if (!loaded.project) throw new Error("examples/merch-store does not load");
  project = loaded.project;
  // Crude figures only, milestones ranked: this file is about zero cells and the two sources agreeing
  // (test/effects/merch-effects.test.ts covers the adjusted effects and the milestone steps).
  sql = analyze(project, await filesReport(project, { files, ...range, allowGaps: true, adjust: false }), {
    includeMilestones: true,
  });
  emulator = await startEmulator({ port: 0, exactCounts: true });
  await loadExport(emulator.events, files, { propertyId: "213025502" });
  const clients = await dataClients({ endpoint: emulator.url });
  try {
    const input = await fetchReportInput(planReport(project), {
      propertyId: "213025502",
      dateRange: range,
      clients,
      counting: "exact", // the emulator above counts exactly, so the two paths must agree
    });
    api = analyze(project, input, { includeMilestones: true });
  } finally {
    await clients.close();
  }
}, 180_000); // real days loaded twice and queried: slow when the machine is busy
afterAll(async () => emulator?.close());

const pair = (a: Analysis, micro: string) => a.pairs.find((p) => p.microId === micro) as PairAnalysis;

describe("merch store zero cells", () => {
  it("add_payment_info: no conversions without it, no finite lift, a lower bound, top rank", () => {
    const p = pair(sql, "add_payment_info");
    expect(p.baseline).toMatchObject({ x: 0, n: 17511 });
    expect(p.lift).toMatchObject({ relative: null, high: null, zeroCell: "baseline", corrected: true });
    expect(p.lift!.low).toBeGreaterThan(100); // ≥ +10000%: the finding, as a bound
    expect(p.rank).toBe(1);
    // the other two steps nobody buys without follow, by lower bound, then the largest finite lift
    const ranks = ["add_shipping_info", "begin_checkout", "view_item"].map((m) => pair(sql, m).rank);
    expect(ranks).toEqual([2, 3, 4]);
    expect(p.significant).toBe(true);
    expect(Number.isFinite(p.valuePerMicro!)).toBe(true);
    expect(p.valuePerMicro!).toBeCloseTo(p.afterMicro.rate! * 60, 2); // baseline 0: value × rate
  });

  it("add_to_cart: −100% with an interval that contains it", () => {
    const p = pair(sql, "add_to_cart");
    expect(p.afterMicro).toMatchObject({ x: 0, n: 1 });
    expect(p.lift).toMatchObject({ relative: -1, low: -1, zeroCell: "micro" });
    expect(p.lift!.low).toBeLessThanOrEqual(p.lift!.relative!);
    expect(p.lift!.relative!).toBeLessThanOrEqual(p.lift!.high!);
    expect(p.pValue).toBe(1); // Fisher, unchanged
    expect(Number.isFinite(p.valuePerMicro!)).toBe(true);
  });

  it.each(FORMATS)("%s shows both zero cells in words, without Infinity or NaN", (format) => {
    const out = render(sql, format);
    expect(out).not.toMatch(/Infinity|NaN|∞/);
    if (format === "json") {
      const j = JSON.parse(out);
      const lift = (m: string) => j.pairs.find((p: { microId: string }) => p.microId === m).lift;
      expect(lift("add_payment_info")).toMatchObject({ relative: null, high: null, zeroCell: "baseline" });
      expect(lift("add_to_cart")).toMatchObject({ relative: -1, low: -1, zeroCell: "micro" });
      return;
    }
    if (format === "csv") {
      const lines = out.split("\r\n");
      const cols = lines[0].split(",");
      // Fields split on commas outside quotes (notes contain commas).
      const fields = (l: string) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ""));
      const rec = (m: string) => {
        const cells = fields(lines.find((l) => l.startsWith(`pair,${m},`))!);
        return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
      };
      expect(rec("add_payment_info")).toMatchObject({ lift: "", lift_high: "", lift_zero_cell: "baseline" });
      expect(Number(rec("add_payment_info").lift_low)).toBeGreaterThan(100);
      expect(rec("add_to_cart")).toMatchObject({ lift: "-1", lift_low: "-1", lift_zero_cell: "micro" });
      return;
    }
    expect(out).toMatch(/≥ \+\d+%[^\n]*no conversions without it \(0 of 17,511\)/);
    expect(out).toMatch(
      /-100%( \[-100%, |<\/b> <small class="zero">-100% to )\+\d+%[^\n]*no conversions after it \(0 of 1\)/,
    );
  });

  it("keeps the lift chart's axis to finite values and draws open ends as arrows", () => {
    const svg = liftForest(sql.ranking.map((i) => sql.pairs[i]));
    const ticks = [...svg.matchAll(/class="tick[^"]*"[^>]*>([^<]+)</g)].map((m) => m[1]);
    // The largest finite value is view_item's upper bound (≈ +122428%); the corrected upper bound of
    // add_payment_info (≈ +36427982%) no longer stretches the axis, so no tick beyond +20000%.
    expect(ticks.at(-1)).toBe("+20000%");
    expect(svg.match(/class="arrow"/g)).toHaveLength(4); // 3 baseline-zero pairs, add_to_cart
    expect(svg).toContain("add_payment_info → purchase: no conversions without it (0 of 17,511)");
    expect(svg).not.toContain("NaN");
  });

  // view_apparel is a page_view with a page-path condition: both sources count only the page_views
  // on apparel paths (the Data API with a pagePath filter), so every pair, rank and chart agrees.
  it("renders the same from the Data API as from the export files, view_apparel included", () => {
    expect(pair(sql, "view_apparel").afterMicro.n).toBe(4429); // not all 17,578 page_view users
    expect(api.goals).toEqual(sql.goals);
    expect(api.pairs).toEqual(sql.pairs);
    expect(api.ranking).toEqual(sql.ranking);
    expect(api.funnels).toEqual(sql.funnels);
    const pairLines = (a: Analysis) =>
      render(a, "table")
        .split("\n")
        .filter((l) => /^(\d+|–) /.test(l)); // ranking rows
    expect(pairLines(api)).toEqual(pairLines(sql));
    expect(pairLines(sql).some((l) => l.includes("no conversions without it (0 of 17,511)"))).toBe(true);
    const ranked = (a: Analysis) => a.ranking.map((i) => a.pairs[i]);
    expect(liftForest(ranked(api))).toBe(liftForest(ranked(sql)));
    expect(api.caveats.uncheckedConditions).toBeUndefined();
  });
});
