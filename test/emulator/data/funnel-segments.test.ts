// Funnel segments and the user-scoped firstSessionDate through the official clients: each segment's
// step counts equal a brute-force funnel over the users the segment holds; what is not emulated
// answers 400 rather than a wrong count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { bruteFunnel } from "./brute-force.js";
import { alphaClient, betaClient } from "./clients.js";
import { PROPERTY } from "./fixture-project.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { buildWorld, inDays, NOW } from "./world.js";

const { store, events } = buildWorld();
const january = inDays("2025-01-01", "2025-01-31");
const inJanuary = events.filter(january);
let server: RouteServer;
let alpha: ReturnType<typeof alphaClient>;
let beta: ReturnType<typeof betaClient>;

beforeAll(async () => {
  server = await serveRoutes(dataApiRoutes(store, { now: NOW }));
  alpha = alphaClient(server.port);
  beta = betaClient(server.port);
});
afterAll(async () => {
  await alpha.close();
  await beta.close();
  await server.close();
});

const day = (e: StoredEvent) =>
  new Date(e.timestampMicros / 1000).toISOString().slice(0, 10).replaceAll("-", "");
/** Every user's first day over all their events (not only January's). */
const firstDay = new Map<string, string>();
for (const e of events) {
  const d = day(e);
  const seen = firstDay.get(e.userId);
  if (seen === undefined || d < seen) firstDay.set(e.userId, d);
}
const range = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];
const steps = [
  { name: "Cart", filterExpression: { funnelEventFilter: { eventName: "add_to_cart" } } },
  {
    name: "Purchase",
    filterExpression: { funnelEventFilter: { eventName: "purchase" } },
    withinDurationFromPriorStep: { seconds: 2 * 86400 },
  },
];
const even = {
  conditionScoping: "USER_CRITERIA_ACROSS_ALL_SESSIONS",
  segmentFilterExpression: {
    segmentFilter: {
      fieldName: "firstSessionDate",
      stringFilter: { matchType: "FULL_REGEXP", value: "\\d{7}[02468]" },
    },
  },
};
const bought = { segmentFilterExpression: { segmentEventFilter: { eventName: "purchase" } } };

describe("firstSessionDate", () => {
  it("is the day of the user's first event, whatever the date range", async () => {
    const late = inDays("2025-01-15", "2025-01-31");
    const [res] = await beta.runReport({
      property: `properties/${PROPERTY}`,
      dateRanges: [{ startDate: "2025-01-15", endDate: "2025-01-31" }],
      dimensions: [{ name: "firstSessionDate" }],
      metrics: [{ name: "totalUsers" }],
      limit: 100000,
    });
    const expected = new Map<string, number>();
    for (const u of new Set(events.filter(late).map((e) => e.userId))) {
      const d = firstDay.get(u) as string;
      expected.set(d, (expected.get(d) ?? 0) + 1);
    }
    const got = new Map(
      (res.rows ?? []).map((r) => [r.dimensionValues?.[0]?.value, Number(r.metricValues?.[0]?.value)]),
    );
    expect(got).toEqual(expected);
    // Users who came before the range keep their first session date from before it.
    expect([...got.keys()].some((d) => (d ?? "") < "20250115")).toBe(true);
  });
});

describe("runFunnelReport segments", () => {
  it("evaluates the funnel in each user segment (across sessions, within one event, and both)", async () => {
    const [res] = await alpha.runFunnelReport({
      property: `properties/${PROPERTY}`,
      dateRanges: range,
      funnel: { steps },
      segments: [
        { name: "even", userSegment: { userInclusionCriteria: { andConditionGroups: [even] } } },
        {
          name: "even buyers",
          userSegment: { userInclusionCriteria: { andConditionGroups: [even, bought] } },
        },
        {
          name: "bought in EUR",
          userSegment: {
            userInclusionCriteria: {
              andConditionGroups: [
                {
                  conditionScoping: "USER_CRITERIA_WITHIN_SAME_EVENT",
                  segmentFilterExpression: {
                    andGroup: {
                      expressions: [
                        { segmentEventFilter: { eventName: "purchase" } },
                        {
                          segmentFilter: {
                            fieldName: "customEvent:currency",
                            stringFilter: { value: "EUR" },
                          },
                        },
                      ],
                    },
                  },
                },
              ],
            },
          },
        },
      ],
    } as never);
    const table = res.funnelTable;
    expect(table?.dimensionHeaders?.map((h) => h.name)).toEqual(["funnelStepName", "segment"]);
    const got = (segment: string) =>
      [0, 1].map((k) =>
        Number(
          (table?.rows ?? []).find(
            (r) =>
              r.dimensionValues?.[0]?.value === `${k + 1}. ${steps[k]?.name}` &&
              r.dimensionValues?.[1]?.value === segment,
          )?.metricValues?.[0]?.value,
        ),
      );
    const byUser = new Map<string, StoredEvent[]>();
    for (const e of inJanuary) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
    const brute = (holds: (es: StoredEvent[]) => boolean) =>
      bruteFunnel(
        inJanuary.filter((e) => holds(byUser.get(e.userId) ?? [])),
        [
          { match: (e) => e.eventName === "add_to_cart" },
          { match: (e) => e.eventName === "purchase", withinMicros: 2 * 86400e6 },
        ],
        false,
      ).users;
    const isEven = (es: StoredEvent[]) => /[02468]$/.test(firstDay.get(es[0]?.userId ?? "") ?? "");
    const buys = (es: StoredEvent[]) => es.some((e) => e.eventName === "purchase");
    const eur = (es: StoredEvent[]) =>
      es.some((e) => e.eventName === "purchase" && e.params.currency === "EUR");
    expect(got("1. even")).toEqual(brute(isEven));
    expect(got("2. even buyers")).toEqual(brute((es) => isEven(es) && buys(es)));
    expect(got("3. bought in EUR")).toEqual(brute(eur));
    expect(got("2. even buyers")[0]).toBeGreaterThan(0);
    expect(got("3. bought in EUR")[0]).toBeLessThan(got("1. even")[0] as number);
  });

  it("answers 400 for more than 4 segments, unknown fields and what it does not emulate", async () => {
    const funnel = (segments: unknown[]) =>
      alpha.runFunnelReport({
        property: `properties/${PROPERTY}`,
        dateRanges: range,
        funnel: { steps },
        segments,
      } as never);
    const user = (groups: unknown[]) => ({
      userSegment: { userInclusionCriteria: { andConditionGroups: groups } },
    });
    await expect(funnel(Array.from({ length: 5 }, () => user([even])))).rejects.toThrow(
      /limited to 4 segments/,
    );
    await expect(
      funnel([
        user([
          {
            segmentFilterExpression: {
              segmentFilter: { fieldName: "firstVisitDay", stringFilter: { value: "x" } },
            },
          },
        ]),
      ]),
    ).rejects.toThrow(/firstVisitDay is not a valid dimension/);
    await expect(
      funnel([
        { userSegment: { userInclusionCriteria: { andSequenceGroups: [{ userSequenceSteps: [] }] } } },
      ]),
    ).rejects.toThrow(/andSequenceGroups is not supported/);
    await expect(funnel([{ sessionSegment: {} }])).rejects.toThrow(/not supported/);
  });
});
