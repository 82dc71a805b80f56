import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../../src/emulator/server.js";
import { loadTraffic } from "../../../src/emulator/traffic/load-traffic.js";
import { bruteReport } from "./brute-force.js";
import { alphaClient, betaClient } from "./clients.js";
import { fixtureProject, PROPERTY } from "./fixture-project.js";
import { inDays, NOW, rowsOf } from "./world.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, data: { now: NOW } });
  loadTraffic(emulator.events, PROPERTY, fixtureProject(), {
    seed: 3,
    startDate: "2025-01-01",
    days: 28,
    users: 300,
  });
});
afterAll(() => emulator.close());

describe("Data API inside startEmulator", () => {
  it("serves runReport and runFunnelReport over the emulator's event store", async () => {
    const beta = betaClient(emulator.port);
    const alpha = alphaClient(emulator.port);
    const [res] = await beta.runReport({
      property: `properties/${PROPERTY}`,
      dimensions: [{ name: "eventName" }],
      metrics: [{ name: "totalUsers" }, { name: "eventCount" }],
      dateRanges: [{ startDate: "28daysAgo", endDate: "today" }],
    });
    const events = [...emulator.events.events(PROPERTY)];
    expect(rowsOf(res.rows)).toEqual(
      bruteReport(events, ["eventName"], ["totalUsers", "eventCount"], inDays("2025-01-04", "2025-02-01")),
    );
    const [funnel] = await alpha.runFunnelReport({
      property: `properties/${PROPERTY}`,
      dateRanges: [{ startDate: "2025-01-01", endDate: "2025-01-31" }],
      funnel: {
        steps: [{ name: "Cart", filterExpression: { funnelEventFilter: { eventName: "add_to_cart" } } }],
      },
    });
    const cartUsers = new Set(events.filter((e) => e.eventName === "add_to_cart").map((e) => e.userId)).size;
    expect(funnel.funnelTable?.rows?.[0]?.metricValues?.[0]?.value).toBe(String(cartUsers));
    await beta.close();
    await alpha.close();
  });
});
