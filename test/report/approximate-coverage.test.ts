// The Data API path against an emulator that counts like GA4 (HyperLogLog++, the default): every
// 95% interval the report prints must cover the exact value — the same figure computed from exact
// counts (the export files for the real days, brute force for generated traffic) — in ≥ 93% of
// cases, over the 7 real Merchandise Store days and over 50 generated seeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExport } from "../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import type { Analysis } from "../../src/report/analysis.js";
import { analyze } from "../../src/report/analyze.js";
import { planReport } from "../../src/report/query-plan.js";
import { type DataClients, dataClients } from "../../src/report/sources/data-api/clients.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { countingSigma } from "../../src/report/stats/counting-error.js";
import { exportDir, merchProject } from "../export/merch-project.js";
import { bruteForce, generate, type PairTruth, projectFor, RANGE } from "./synthetic.js";

/** [covered, cases] over every printed interval of `approx` against the figures of `exact`. */
function coverage(approx: Analysis, exact: Analysis): [number, number] {
  let covered = 0;
  let cases = 0;
  const check = (low: number | null, high: number | null, value: number | null) => {
    if (low === null || high === null || value === null) return;
    cases++;
    if (low <= value + 1e-12 && value <= high + 1e-12) covered++;
  };
  approx.pairs.forEach((p, i) => {
    const e = exact.pairs[i]!;
    if (p.status === "no-data" || p.status === "counting-error") return;
    check(p.afterMicro.low, p.afterMicro.high, e.afterMicro.rate);
    check(p.baseline.low, p.baseline.high, e.baseline.rate);
    if (p.lift && e.lift) check(p.lift.low, p.lift.high, e.lift.relative);
  });
  approx.funnels.forEach((f, i) => {
    f.steps.forEach((s, k) => {
      const e = exact.funnels[i]!.steps[k]!;
      if (s.stepConversion && e.stepConversion)
        check(s.stepConversion.low, s.stepConversion.high, e.stepConversion.rate);
      check(s.overallConversion.low, s.overallConversion.high, e.overallConversion.rate);
    });
  });
  return [covered, cases];
}

describe("7 real days through an emulator counting like GA4", () => {
  const project = merchProject();
  const range = { since: "2020-11-01", until: "2020-11-08" };
  let emulator: Emulator;
  let exact: Analysis;
  let approx: Analysis;
  beforeAll(async () => {
    const files = `${exportDir}/*.parquet`;
    exact = analyze(project, await filesReport(project, { files, ...range, allowGaps: true }));
    emulator = await startEmulator({ port: 0 });
    await loadExport(emulator.events, files, { propertyId: "213025502" });
    const clients = await dataClients({ endpoint: emulator.url });
    try {
      const input = await fetchReportInput(planReport(project), {
        propertyId: "213025502",
        dateRange: range,
        clients,
      });
      approx = analyze(project, input);
    } finally {
      await clients.close();
    }
  }, 240_000);
  afterAll(async () => emulator?.close());

  it("estimates the user counts like GA4: not exact, within the counting error", () => {
    expect(approx.counting).toMatchObject({ method: "hll++", precision: 14 });
    expect(exact.counting).toEqual({ method: "exact" });
    expect(approx.totalUsers).not.toBe(exact.totalUsers);
    expect(Math.abs(approx.totalUsers - exact.totalUsers)).toBeLessThan(3 * countingSigma(exact.totalUsers));
  });

  it("every printed interval covers the exact value in ≥ 93% of cases", () => {
    const [covered, cases] = coverage(approx, exact);
    expect(cases).toBeGreaterThan(30);
    expect(covered / cases).toBeGreaterThanOrEqual(0.93);
  });

  it("measures the baseline directly: view_item → purchase prints its dozen buyers", () => {
    const a = approx.pairs.find((p) => p.microId === "view_item")!;
    const e = exact.pairs.find((p) => p.microId === "view_item")!;
    expect(e.baseline.x).toBeLessThan(50); // a handful of buyers among ~20,000 users
    expect(a.status).toBe(e.status);
    expect(a.baseline.x).toBe(e.baseline.x); // one sparse count: exact
  });
});

describe("50 generated seeds through an emulator counting like GA4", () => {
  const truth: PairTruth[] = [
    { micro: "pricing", macro: "signup", microShare: 0.35, rateAfter: 0.12, baseline: 0.04 },
    { micro: "video", macro: "signup", microShare: 0.6, rateAfter: 0.05, baseline: 0.05 },
  ];
  const project = projectFor(truth);
  const plan = planReport(project);
  const seeds = Array.from({ length: 50 }, (_, i) => i + 1);
  // 10,000 users per seed: total and non-micro users are in dense HLL mode, like a real property.
  const events = seeds.map((seed) => generate(truth, 10_000, seed, `7000${seed}`));
  let emulator: Emulator;
  let clients: DataClients;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    for (const e of events) emulator.events.appendBatch(e);
    clients = await dataClients({ endpoint: emulator.url });
  }, 120_000);
  afterAll(async () => {
    await clients?.close();
    await emulator?.close();
  });

  it("every printed interval covers the exact value in ≥ 93% of cases", async () => {
    let covered = 0;
    let cases = 0;
    let differs = 0;
    for (const [i, seed] of seeds.entries()) {
      const input = await fetchReportInput(plan, { propertyId: `7000${seed}`, dateRange: RANGE, clients });
      const exactCounts = bruteForce(events[i]!, plan, []);
      const exact = analyze(project, {
        ...exactCounts,
        source: "brute-force",
        cost: { requests: 0, tokens: 0 },
      });
      const [c, n] = coverage(analyze(project, input), exact);
      covered += c;
      cases += n;
      if (input.totalUsers !== exactCounts.totalUsers) differs++;
    }
    expect(differs).toBeGreaterThan(25); // the counts really are estimates
    expect(cases).toBeGreaterThanOrEqual(250);
    expect(covered / cases).toBeGreaterThanOrEqual(0.93);
  }, 300_000);
});
