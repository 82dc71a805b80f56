import { afterEach, describe, expect, it } from "vitest";
import { tokenCost } from "../../../src/emulator/data/property-quota.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { bruteReport } from "./brute-force.js";
import { betaClient } from "./clients.js";
import { PROPERTY } from "./fixture-project.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { buildWorld, inDays, NOW, rowsOf } from "./world.js";

const { store, events } = buildWorld(800);
const property = `properties/${PROPERTY}`;
const january = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];
const inJanuary = inDays("2025-01-01", "2025-01-31");
const open: { server: RouteServer; client: ReturnType<typeof betaClient> }[] = [];

async function start(options: Parameters<typeof dataApiRoutes>[1]) {
  const server = await serveRoutes(dataApiRoutes(store, { now: NOW, ...options }));
  const client = betaClient(server.port);
  open.push({ server, client });
  return client;
}
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.client.close();
    await o.server.close();
  }
});

describe("report metadata", () => {
  it("withholds rows under the user threshold and flags subjectToThresholding", async () => {
    const client = await start({ thresholdUsers: 15 });
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "pagePath" }, { name: "date" }],
      metrics: [{ name: "totalUsers" }],
      dateRanges: january,
    });
    const brute = bruteReport(events, ["pagePath", "date"], ["totalUsers"], inJanuary);
    const kept = new Map([...brute].filter(([, v]) => (v[0] as number) >= 15));
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(brute.size);
    expect(rowsOf(res.rows)).toEqual(kept);
    expect(res.metadata?.subjectToThresholding).toBe(true);

    const [coarse] = await client.runReport({
      property,
      dimensions: [{ name: "eventName" }],
      metrics: [{ name: "totalUsers" }],
      dateRanges: [{ startDate: "2025-01-01", endDate: "2025-01-28" }],
      dimensionFilter: { filter: { fieldName: "eventName", stringFilter: { value: "page_view" } } },
    });
    expect(coarse.metadata?.subjectToThresholding ?? false).toBe(false);
  });

  it("aggregates rows beyond the cardinality cap into (other)", async () => {
    const client = await start({ cardinalityCap: 3 });
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "eventName" }],
      metrics: [{ name: "eventCount" }],
      dateRanges: january,
    });
    const brute = [...bruteReport(events, ["eventName"], ["eventCount"], inJanuary)].sort(
      (a, b) => (b[1][0] as number) - (a[1][0] as number),
    );
    const got = rowsOf(res.rows);
    expect(got.size).toBe(3);
    expect(got.get("(other)")).toEqual([brute.slice(2).reduce((n, [, v]) => n + (v[0] as number), 0)]);
    expect(res.metadata?.dataLossFromOtherRow).toBe(true);
  });

  it("adds samplingMetadatas when simulating sampling", async () => {
    const client = await start({ simulateSampling: true });
    const [res] = await client.runReport({
      property,
      metrics: [{ name: "eventCount" }],
      dateRanges: january,
    });
    const n = events.filter(inJanuary).length;
    expect(res.metadata?.samplingMetadatas?.map((s) => Number(s.samplingSpaceSize))).toEqual([n]);
  });

  it("accounts tokens per property and reports them with returnPropertyQuota", async () => {
    const client = await start({});
    const ask = async () =>
      (
        await client.runReport({
          property,
          metrics: [{ name: "eventCount" }],
          dateRanges: january,
          returnPropertyQuota: true,
        })
      )[0].propertyQuota;
    const cost = tokenCost(events.filter(inJanuary).length);
    const first = await ask();
    const second = await ask();
    expect(first?.tokensPerHour?.consumed).toBe(cost);
    expect(first?.tokensPerHour?.remaining).toBe(40_000 - cost);
    expect(second?.tokensPerDay?.remaining).toBe(200_000 - 2 * cost);
    expect(second?.tokensPerProjectPerHour?.remaining).toBe(14_000 - 2 * cost);
    expect(second?.concurrentRequests?.remaining).toBe(10);
  });

  it("answers 429 RESOURCE_EXHAUSTED once the hourly tokens are spent, until the (time-scaled) hour passes", async () => {
    let now = 1_000_000;
    const client = await start({ limits: { tokensPerHour: 3 }, timeScale: 3600, clock: () => now });
    const run = () => client.runReport({ property, metrics: [{ name: "eventCount" }], dateRanges: january });
    await run(); // costs 2
    await run(); // 4 ≥ 3: the next is refused
    await expect(run()).rejects.toMatchObject({
      code: 429,
      message: expect.stringMatching(/RESOURCE_EXHAUSTED.*tokens per hour/),
    });
    now += 1001; // one scaled hour later
    await expect(run()).resolves.toBeDefined();
  });

  it("refuses an 11th concurrent request", async () => {
    const client = await start({ latencyMs: 150 });
    const results = await Promise.allSettled(
      Array.from({ length: 11 }, () =>
        client.runReport({ property, metrics: [{ name: "eventCount" }], dateRanges: january }),
      ),
    );
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(String((rejected[0] as PromiseRejectedResult).reason)).toMatch(/concurrent/);
  });
});
