// End to end: the official @google-analytics/data clients over HTTP against the emulator (port 0),
// on synthetic traffic; the fetched counts must equal a brute-force count over the raw events.
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/server.js";
import { analyze } from "../../src/report/analyze.js";
import { planReport } from "../../src/report/query-plan.js";
import { runReport } from "../../src/report/run-report.js";
import { dataClients } from "../../src/report/sources/data-api/clients.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { dataApiFixture } from "./data-api-fixture.js";
import { testGoal } from "./fixture.js";
import { bruteForce, generate, type PairTruth, projectFor, RANGE } from "./synthetic.js";

const truth: PairTruth[] = [
  { micro: "add_to_cart", macro: "purchase", microShare: 0.3, rateAfter: 0.3, baseline: 0.05 },
  { micro: "view_pricing", macro: "demo_request", microShare: 0.2, rateAfter: 0.1, baseline: 0.1 },
];

describe("GA4 Data API source against the emulator", () => {
  const project = projectFor(truth, [testGoal("broken_widget", "micro", ["purchase"])]);
  project.funnels = [
    {
      id: "shop",
      title: "Shop",
      steps: ["add_to_cart", "purchase"],
      windowSeconds: 3 * 86400,
      open: false,
      source: project.funnels[0]?.source ?? { file: "f", pointer: "" },
    },
    {
      id: "shop_open",
      title: "Shop (open)",
      steps: ["view_pricing", "add_to_cart", "purchase"],
      windowSeconds: 86400,
      open: true,
      source: { file: "f", pointer: "" },
    },
  ];
  const events = generate(truth, 3000, 7);

  const api = dataApiFixture(events);

  it("fetches counts equal to a brute-force computation over the raw events", async () => {
    const plan = planReport(project);
    const input = await fetchReportInput(plan, {
      propertyId: "400000001",
      dateRange: RANGE,
      clients: api.clients(),
    });
    const expected = bruteForce(events, plan, plan.funnels);
    expect(input.totalUsers).toBe(expected.totalUsers);
    expect(input.goals).toEqual(expected.goals);
    // Small counts: GA4's sparse sketches count them exactly (the standard errors ride along).
    expect(input.pairs.map(({ sigma, ...p }) => p)).toEqual(expected.pairs);
    expect(input.funnels).toEqual(expected.funnels);
    expect(input.caveats.missingGoals).toEqual(["broken_widget"]);
    // goal totals + all users = 2 reports = 1 batch; 3 pair funnels (segmented, no union reports) + 2 spec funnels.
    expect(input.cost.requests).toBe(6);
    expect(input.cost.tokens).toBeGreaterThan(0);
    const counts = api.emulator().requestCounts() as unknown as Record<string, unknown>;
    expect(JSON.stringify(counts)).toMatch(/batchRunReports/);

    const analysis = analyze(project, input);
    const cart = analysis.pairs.find((p) => p.microId === "add_to_cart")!;
    expect(cart.significant).toBe(true);
    expect(analysis.pairs.find((p) => p.microId === "broken_widget")!.status).toBe("no-data");
  });

  it("runReport's Data API source counts like GA4 unless told the server counts exactly", async () => {
    const run = (counting?: "ga4" | "exact") =>
      runReport({
        project,
        ...RANGE,
        source: { kind: "ga4", clients: api.clients(), counting },
      });
    const ga4 = (await run()).analysis;
    expect(ga4.counting).toEqual({ method: "hll++", precision: 14, sparsePrecision: 25 });
    const exact = await run("exact");
    expect(exact.analysis.counting).toEqual({ method: "exact" });
    expect(exact.output).not.toMatch(/HyperLogLog/);
  });

  it("surfaces thresholding when the server withholds small rows", async () => {
    const small = await startEmulator({
      port: 0,
      thresholdUsers: 50,
      data: { now: new Date("2024-06-01T00:00:00Z") },
    });
    const c = await dataClients({ endpoint: small.url });
    try {
      small.events.appendBatch(generate(truth, 100, 3));
      const input = await fetchReportInput(planReport(project), {
        propertyId: "400000001",
        dateRange: RANGE,
        clients: c,
      });
      expect(input.caveats.subjectToThresholding).toBe(true);
      expect(input.caveats.thresholdedQueries).toContain("goal totals");
      for (const p of input.pairs) expect(p.convertedWithoutMicro).toBeGreaterThanOrEqual(0);
    } finally {
      await c.close();
      await small.close();
    }
  });
});
