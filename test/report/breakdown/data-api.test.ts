// `report --by` on the GA4 Data API: the seven real Merchandise Store days loaded into the emulator
// (exact user counts) and read through the official clients give, segment by segment, the same
// counts as the files source on the same files; the breakdown adds no funnel request (the pair
// funnels carry funnelBreakdown) and at most one batch, whatever the number of segments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExport } from "../../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../../src/emulator/server.js";
import type { Dimension } from "../../../src/report/breakdown/dimensions.js";
import type { SegmentCount } from "../../../src/report/breakdown/model.js";
import { type DataClients, dataClients } from "../../../src/report/sources/data-api/clients.js";
import { dataApiReportSource } from "../../../src/report/sources/data-api/data-api-source.js";
import { filesReportSource } from "../../../src/report/sources/files/files-report-source.js";
import type { ReportRequest } from "../../../src/report/sources/report-source.js";
import { exportDir, merchProject } from "../../export/merch-project.js";

const PROPERTY = "213025502";
const files = `${exportDir}/*.parquet`;
const project = merchProject();
const base: ReportRequest = {
  project,
  propertyId: PROPERTY,
  since: "2020-11-01",
  until: "2020-11-07",
  now: new Date("2021-01-01T00:00:00Z"),
};

let emulator: Emulator;
let clients: DataClients;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    exactCounts: true,
    data: { now: new Date("2021-01-01T00:00:00Z") },
  });
  await loadExport(emulator.events, files, { propertyId: PROPERTY });
  clients = await dataClients({ endpoint: emulator.url });
}, 180_000);
afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const sorted = (segments: SegmentCount[]) =>
  [...segments]
    .map((s) => ({
      ...s,
      goals: [...s.goals].sort((a, b) => a.goalId.localeCompare(b.goalId)),
      pairs: s.pairs.map(({ sigma: _, ...p }) => p),
    }))
    .sort((a, b) => a.values.join().localeCompare(b.values.join()));

async function both(...dimensions: Dimension[]) {
  const breakdown = { dimensions, scope: "first_visit" as const };
  const fromFiles = await filesReportSource({ files, allowGaps: true }).read({ ...base, breakdown });
  // Crude only: the breakdown's own cost (the adjusted effect's is checked below).
  const ga4 = await dataApiReportSource({ clients, counting: "exact" });
  const crude = { ...base, adjust: false };
  const before = emulator.requestCounts().total;
  const plain = await ga4.read(crude);
  const mid = emulator.requestCounts().total;
  const fromApi = await ga4.read({ ...crude, breakdown });
  const after = emulator.requestCounts().total;
  return { fromFiles, fromApi, plainRequests: mid - before, breakdownRequests: after - mid, plain };
}

describe("report --by on the GA4 Data API (real export in the emulator)", () => {
  it.each(["channel", "source", "campaign"] as Dimension[])(
    "by %s (user-scoped firstUser*): every segment's counts equal the files source's; requests grow with pairs only",
    async (dimension) => {
      const r = await both(dimension);
      const api = r.fromApi.breakdown!;
      expect(api.segments.length).toBeGreaterThan(2);
      expect(sorted(api.segments)).toEqual(sorted(r.fromFiles.breakdown!.segments));
      // Same funnels (one per pair, with funnelBreakdown), at most one more batch of reports.
      const pairs = project.goals.filter((g) => g.kind === "micro").length;
      expect(r.plain.cost.requests).toBe(r.plainRequests);
      expect(r.fromApi.cost.requests).toBe(r.breakdownRequests);
      expect(r.breakdownRequests - r.plainRequests).toBeLessThanOrEqual(1);
      expect(r.breakdownRequests).toBeLessThan(pairs * api.segments.length);
      // The unsegmented numbers are unchanged by the breakdown.
      expect(r.fromApi.pairs).toEqual(r.plain.pairs);
      console.log(
        `by ${dimension}: ${api.segments.length} segments, ${r.plainRequests} requests unsegmented, ${r.breakdownRequests} with the breakdown`,
      );
    },
    180_000,
  );

  it("by channel × source (two dimensions, one concatenated funnelBreakdown): every segment equals the files source's", async () => {
    const r = await both("channel", "source");
    const api = r.fromApi.breakdown!;
    expect(api.segments.every((s) => s.values.length === 2)).toBe(true);
    expect(api.segments.length).toBeGreaterThan(3);
    expect(sorted(api.segments)).toEqual(sorted(r.fromFiles.breakdown!.segments));
    expect(r.breakdownRequests - r.plainRequests).toBeLessThanOrEqual(1);
    expect(api.definition).toContain("firstUserDefaultChannelGroup × firstUserSource");
  }, 180_000);

  it("with the adjusted effect too, --by costs one more funnel per secondary pair (the strata ride on a copy)", async () => {
    const breakdown = { dimensions: ["channel" as Dimension], scope: "first_visit" as const };
    const ga4 = await dataApiReportSource({ clients, counting: "exact" });
    const t0 = emulator.requestCounts().total;
    const plain = await ga4.read(base);
    const t1 = emulator.requestCounts().total;
    const segmented = await ga4.read({ ...base, breakdown });
    const t2 = emulator.requestCounts().total;
    const pairs = project.goals.filter((g) => g.kind === "micro").length;
    console.log(`with the adjusted effect: ${t1 - t0} requests unsegmented, ${t2 - t1} by channel`);
    expect(t2 - t1 - (t1 - t0) - pairs).toBeGreaterThanOrEqual(0);
    expect(t2 - t1 - (t1 - t0) - pairs).toBeLessThanOrEqual(1);
    expect(segmented.adjusted).toEqual(plain.adjusted);
    expect(segmented.breakdown!.segments.length).toBe(5);
  }, 180_000);

  it("by device (event-scoped in GA4): equal but for the 7 users seen on two devices, who count in both", async () => {
    const r = await both("device");
    const api = new Map(r.fromApi.breakdown!.segments.map((s) => [s.values[0], s]));
    const files = r.fromFiles.breakdown!.segments;
    expect(api.size).toBe(files.length);
    let extra = 0;
    for (const f of files) {
      const a = api.get(f.values[0])!;
      expect(a.totalUsers).toBeGreaterThanOrEqual(f.totalUsers);
      extra += a.totalUsers - f.totalUsers;
      // Conversions are attributed to the device of the converting step: each converter counts once.
    }
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(7);
    const sum = (k: "convertedAfterMicro" | "convertedWithoutMicro", i: number) =>
      [...api.values()].reduce((n, s) => n + s.pairs[i]![k], 0);
    r.fromApi.pairs.forEach((p, i) => {
      expect(sum("convertedAfterMicro", i)).toBe(p.convertedAfterMicro);
      expect(sum("convertedWithoutMicro", i)).toBe(p.convertedWithoutMicro);
    });
  }, 180_000);

  it("by country (107 values, funnelBreakdown lists 15): the rest is one (other) segment, no converter lost", async () => {
    const r = await both("country");
    const segments = r.fromApi.breakdown!.segments;
    expect(segments.some((s) => s.values[0] === "(other)")).toBe(true);
    expect(segments.length).toBeLessThanOrEqual(16);
    r.fromApi.pairs.forEach((p, i) => {
      const sum = (k: "convertedAfterMicro" | "convertedWithoutMicro") =>
        segments.reduce((n, s) => n + s.pairs[i]![k], 0);
      expect(sum("convertedAfterMicro")).toBe(p.convertedAfterMicro);
      expect(sum("convertedWithoutMicro")).toBe(p.convertedWithoutMicro);
    });
    // Countries every pair funnel listed keep their own segment, with the files source's users.
    const files = new Map(r.fromFiles.breakdown!.segments.map((s) => [s.values[0], s.totalUsers]));
    const top = segments.find((s) => s.values[0] === "United States")!;
    expect(top.totalUsers).toBeGreaterThanOrEqual(files.get("United States")!);
  }, 180_000);
});
