import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { bruteReport, dimensionValue } from "./brute-force.js";
import { betaClient } from "./clients.js";
import { PROPERTY } from "./fixture-project.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { buildWorld, inDays, KEY_EVENTS, NOW, rowsOf } from "./world.js";

const { store, events } = buildWorld();
let server: RouteServer;
let client: ReturnType<typeof betaClient>;
const property = `properties/${PROPERTY}`;
const january = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];

beforeAll(async () => {
  server = await serveRoutes(
    dataApiRoutes(store, {
      now: NOW,
      isKeyEvent: (_p, name) => KEY_EVENTS.has(name),
      exactCounts: true, // brute-force equality needs exact distinct counts
    }),
  );
  client = betaClient(server.port);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe("runReport through the official client equals brute force", () => {
  it("eventName with every metric", async () => {
    const metrics = ["eventCount", "totalUsers", "activeUsers", "sessions", "keyEvents"];
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "eventName" }],
      metrics: metrics.map((name) => ({ name })),
      dateRanges: january,
    });
    const expected = bruteReport(events, ["eventName"], metrics, inDays("2025-01-01", "2025-01-31"), (n) =>
      KEY_EVENTS.has(n),
    );
    expect(rowsOf(res.rows)).toEqual(expected);
    expect(res.rowCount).toBe(expected.size);
    expect(expected.get("purchase")?.[4]).toBeGreaterThan(0);
    expect(res.metricHeaders?.[0]?.type).toBe("TYPE_INTEGER");
  });

  it("date × sessionSource with inList, notExpression and relative dates", async () => {
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "date" }, { name: "sessionSource" }],
      metrics: [{ name: "totalUsers" }, { name: "eventCount" }],
      dateRanges: [{ startDate: "14daysAgo", endDate: "yesterday" }],
      dimensionFilter: {
        andGroup: {
          expressions: [
            { filter: { fieldName: "eventName", inListFilter: { values: ["page_view", "PURCHASE"] } } },
            {
              notExpression: {
                filter: { fieldName: "sessionSource", stringFilter: { matchType: "EXACT", value: "bing" } },
              },
            },
          ],
        },
      },
    });
    const keep = (e: StoredEvent) =>
      inDays("2025-01-18", "2025-01-31")(e) &&
      ["page_view", "purchase"].includes(e.eventName) &&
      e.sessionSource !== "bing";
    const expected = bruteReport(events, ["date", "sessionSource"], ["totalUsers", "eventCount"], keep);
    expect(expected.size).toBeGreaterThan(20);
    expect(rowsOf(res.rows)).toEqual(expected);
  });

  const cases: [
    string,
    { matchType: string; value: string; caseSensitive?: boolean },
    (v: string) => boolean,
  ][] = [
    [
      "EXACT case-insensitive",
      { matchType: "EXACT", value: "/PRICING" },
      (v) => v.toLowerCase() === "/pricing",
    ],
    [
      "EXACT case-sensitive",
      { matchType: "EXACT", value: "/PRICING", caseSensitive: true },
      (v) => v === "/PRICING",
    ],
    ["BEGINS_WITH", { matchType: "BEGINS_WITH", value: "/b" }, (v) => v.startsWith("/b")],
    ["ENDS_WITH", { matchType: "ENDS_WITH", value: "S" }, (v) => v.toLowerCase().endsWith("s")],
    ["CONTAINS", { matchType: "CONTAINS", value: "cart" }, (v) => v.includes("cart")],
    [
      "FULL_REGEXP",
      { matchType: "FULL_REGEXP", value: "/(about|business)" },
      (v) => /^\/(about|business)$/i.test(v),
    ],
    ["PARTIAL_REGEXP", { matchType: "PARTIAL_REGEXP", value: "o.t" }, (v) => /o.t/i.test(v)],
  ];
  for (const [label, stringFilter, predicate] of cases) {
    it(`pagePath stringFilter ${label}`, async () => {
      const [res] = await client.runReport({
        property,
        dimensions: [{ name: "pagePath" }],
        metrics: [{ name: "eventCount" }, { name: "sessions" }],
        dateRanges: january,
        dimensionFilter: { filter: { fieldName: "pagePath", stringFilter: stringFilter as never } },
      });
      const expected = bruteReport(
        events,
        ["pagePath"],
        ["eventCount", "sessions"],
        (e) => inDays("2025-01-01", "2025-01-31")(e) && predicate(e.pagePath),
      );
      expect(rowsOf(res.rows)).toEqual(expected);
    });
  }

  it("customEvent parameter dimension with an orGroup", async () => {
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "eventName" }, { name: "customEvent:currency" }],
      metrics: [{ name: "eventCount" }],
      dateRanges: january,
      dimensionFilter: {
        orGroup: {
          expressions: [
            { filter: { fieldName: "eventName", stringFilter: { value: "purchase" } } },
            { filter: { fieldName: "eventName", stringFilter: { value: "session_start" } } },
          ],
        },
      },
    });
    const keep = (e: StoredEvent) =>
      inDays("2025-01-01", "2025-01-31")(e) && ["purchase", "session_start"].includes(e.eventName);
    expect(rowsOf(res.rows)).toEqual(
      bruteReport(events, ["eventName", "customEvent:currency"], ["eventCount"], keep),
    );
    expect(rowsOf(res.rows).has("purchase|EUR")).toBe(true);
  });

  it("orders, offsets and limits like Google", async () => {
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "pagePath" }],
      metrics: [{ name: "eventCount" }],
      dateRanges: january,
      orderBys: [{ metric: { metricName: "eventCount" }, desc: true }],
      offset: 1,
      limit: 3,
    });
    const all = [
      ...bruteReport(events, ["pagePath"], ["eventCount"], inDays("2025-01-01", "2025-01-31")),
    ].sort((a, b) => (b[1][0] as number) - (a[1][0] as number) || (a[0] < b[0] ? -1 : 1));
    expect((res.rows ?? []).map((r) => r.dimensionValues?.[0]?.value)).toEqual(
      all.slice(1, 4).map((x) => x[0]),
    );
    expect(res.rowCount).toBe(all.length);
  });

  it("two date ranges add a dateRange dimension", async () => {
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "eventName" }],
      metrics: [{ name: "totalUsers" }],
      dateRanges: [
        { startDate: "2025-01-01", endDate: "2025-01-07", name: "first" },
        { startDate: "2025-01-08", endDate: "2025-01-14" },
      ],
    });
    expect(res.dimensionHeaders?.map((d) => d.name)).toEqual(["eventName", "dateRange"]);
    const got = rowsOf(res.rows);
    for (const [k, v] of bruteReport(
      events,
      ["eventName"],
      ["totalUsers"],
      inDays("2025-01-01", "2025-01-07"),
    )) {
      expect(got.get(`${k}|first`)).toEqual(v);
    }
    for (const [k, v] of bruteReport(
      events,
      ["eventName"],
      ["totalUsers"],
      inDays("2025-01-08", "2025-01-14"),
    )) {
      expect(got.get(`${k}|date_range_1`)).toEqual(v);
    }
  });

  it("metricFilter and TOTAL aggregation", async () => {
    const [res] = await client.runReport({
      property,
      dimensions: [{ name: "eventName" }],
      metrics: [{ name: "totalUsers" }],
      dateRanges: january,
      metricFilter: {
        filter: {
          fieldName: "totalUsers",
          numericFilter: { operation: "GREATER_THAN", value: { int64Value: "500" } },
        },
      },
      metricAggregations: ["TOTAL" as never],
    });
    const brute = bruteReport(events, ["eventName"], ["totalUsers"], inDays("2025-01-01", "2025-01-31"));
    const expected = new Map([...brute].filter(([, v]) => (v[0] as number) > 500));
    expect(rowsOf(res.rows)).toEqual(expected);
    expect(expected.size).toBeLessThan(brute.size);
    const users = new Set(
      events
        .filter((e) => inDays("2025-01-01", "2025-01-31")(e) && expected.has(e.eventName))
        .map((e) => e.userId),
    );
    expect(res.totals?.[0]?.metricValues?.[0]?.value).toBe(String(users.size));
  });

  it("batchRunReports answers each report like runReport and refuses more than 5", async () => {
    const req = (dim: string) => ({
      dimensions: [{ name: dim }],
      metrics: [{ name: "eventCount" }],
      dateRanges: january,
    });
    const [batch] = await client.batchRunReports({
      property,
      requests: [req("eventName"), req("sessionSource")],
    });
    expect(batch.reports).toHaveLength(2);
    expect(rowsOf(batch.reports?.[1]?.rows)).toEqual(
      bruteReport(events, ["sessionSource"], ["eventCount"], inDays("2025-01-01", "2025-01-31")),
    );
    await expect(
      client.batchRunReports({ property, requests: Array.from({ length: 6 }, () => req("eventName")) }),
    ).rejects.toThrow(/at most 5/);
  });

  it("rejects unknown fields and bad dates with INVALID_ARGUMENT", async () => {
    await expect(
      client.runReport({ property, metrics: [{ name: "bogus" }], dateRanges: january }),
    ).rejects.toThrow(/not a valid metric/);
    await expect(
      client.runReport({ property, dimensions: [{ name: "browser" }], dateRanges: january }),
    ).rejects.toThrow(/not a valid dimension/);
    await expect(
      client.runReport({
        property,
        metrics: [{ name: "eventCount" }],
        dateRanges: [{ startDate: "2025-02-01", endDate: "2025-01-01" }],
      }),
    ).rejects.toThrow(/startDate/);
  });

  it("answers enums as integers when asked and as names otherwise, accepting both", async () => {
    const url = (alt: boolean) =>
      `http://127.0.0.1:${server.port}/v1beta/${property}:runReport${alt ? "?$alt=json%3Benum-encoding=int" : ""}`;
    const body = (matchType: string | number) =>
      JSON.stringify({
        dimensions: [{ name: "eventName" }],
        metrics: [{ name: "eventCount" }],
        dateRanges: january,
        dimensionFilter: { filter: { fieldName: "eventName", stringFilter: { matchType, value: "page" } } },
      });
    const asInt = (await (await fetch(url(true), { method: "POST", body: body(2) })).json()) as {
      metricHeaders: { type: unknown }[];
      rows: unknown[];
    };
    const asName = (await (
      await fetch(url(false), { method: "POST", body: body("BEGINS_WITH") })
    ).json()) as typeof asInt;
    expect(asInt.metricHeaders[0]?.type).toBe(1);
    expect(asName.metricHeaders[0]?.type).toBe("TYPE_INTEGER");
    expect(asInt.rows).toEqual(asName.rows);
    expect(asInt.rows).toHaveLength(1);
  });

  it("keeps other properties' events out", async () => {
    const [res] = await client.runReport({
      property: "properties/999",
      metrics: [{ name: "eventCount" }],
      dateRanges: january,
    });
    expect(res.rows?.[0]?.metricValues?.[0]?.value).toBe("1");
    expect(dimensionValue(events[0] as StoredEvent, "date")).toMatch(/^2025/);
  });
});
