// pageLocation and hostName (read from the page_location parameter, as GA4 does) through the
// official client: grouped and filtered, they must equal brute force over the raw events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventStore } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { mulberry32 } from "../../../src/emulator/traffic/prng.js";
import { bruteReport } from "./brute-force.js";
import { betaClient } from "./clients.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { inDays, NOW, rowsOf } from "./world.js";

const PROPERTY = "400000077";
const locations = [
  "https://shop.example.com/docs/Intro?x=1",
  "https://shop.example.com:8443/pricing",
  "https://blog.example.com/docs/post#h",
  "https://shop.example.com",
  "http://www.example.org/?q=Pricing",
  undefined,
];
const store = new EventStore();
const r = mulberry32(5);
const T0 = Date.parse("2025-01-03T00:00:00Z") * 1000;
for (let i = 0; i < 3000; i++) {
  const loc = locations[Math.floor(r() * locations.length)];
  store.append({
    propertyId: PROPERTY,
    userId: `u${Math.floor(r() * 400)}`,
    sessionId: 1,
    timestampMicros: T0 + Math.floor(r() * 20 * 86_400_000_000),
    eventName: r() < 0.7 ? "page_view" : "click",
    params: loc === undefined ? { engagement_time_msec: 5 } : { page_location: loc },
  });
}
const events = [...store.events(PROPERTY)];
const january = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];
const inJanuary = inDays("2025-01-01", "2025-01-31");
let server: RouteServer;
let client: ReturnType<typeof betaClient>;

beforeAll(async () => {
  server = await serveRoutes(dataApiRoutes(store, { now: NOW }));
  client = betaClient(server.port);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe("page dimensions equal brute force", () => {
  it("groups by pageLocation and hostName", async () => {
    const [res] = await client.runReport({
      property: `properties/${PROPERTY}`,
      dimensions: [{ name: "pageLocation" }, { name: "hostName" }],
      metrics: [{ name: "eventCount" }, { name: "totalUsers" }],
      dateRanges: january,
    });
    const expected = bruteReport(
      events,
      ["pageLocation", "hostName"],
      ["eventCount", "totalUsers"],
      inJanuary,
    );
    expect(rowsOf(res.rows)).toEqual(expected);
    expect([...expected.keys()]).toContain("https://shop.example.com:8443/pricing|shop.example.com");
    expect([...expected.keys()]).toContain("(not set)|(not set)");
  });

  it("filters by hostName, pageLocation (any case) and a negation, as a goal selection does", async () => {
    const [res] = await client.runReport({
      property: `properties/${PROPERTY}`,
      dimensions: [{ name: "eventName" }],
      metrics: [{ name: "eventCount" }, { name: "totalUsers" }],
      dateRanges: january,
      dimensionFilter: {
        andGroup: {
          expressions: [
            {
              filter: {
                fieldName: "hostName",
                stringFilter: { matchType: "ENDS_WITH", value: "example.com", caseSensitive: true },
              },
            },
            {
              notExpression: {
                filter: {
                  fieldName: "pageLocation",
                  stringFilter: { matchType: "CONTAINS", value: "PRICING", caseSensitive: false },
                },
              },
            },
          ],
        },
      },
    });
    const expected = bruteReport(events, ["eventName"], ["eventCount", "totalUsers"], (e) => {
      const loc = e.params.page_location;
      if (!inJanuary(e) || typeof loc !== "string") return false;
      return new URL(loc).hostname.endsWith("example.com") && !loc.toLowerCase().includes("pricing");
    });
    expect(rowsOf(res.rows)).toEqual(expected);
    expect(expected.size).toBe(2);
  });
});
