// runFunnelReport user segments (inclusion, permanent exclusion, scoping) through the official
// v1alpha client, against brute force over the same events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { bruteFunnel } from "./brute-force.js";
import { alphaClient } from "./clients.js";
import { PROPERTY } from "./fixture-project.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { buildWorld, inDays, NOW } from "./world.js";

const { store, events } = buildWorld();
const inJanuary = events.filter(inDays("2025-01-01", "2025-01-31"));
let server: RouteServer;
let client: ReturnType<typeof alphaClient>;

beforeAll(async () => {
  server = await serveRoutes(dataApiRoutes(store, { now: NOW, exactCounts: true }));
  client = alphaClient(server.port);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

const cartCriteria = {
  andConditionGroups: [
    {
      conditionScoping: "USER_CRITERIA_WITHIN_SAME_EVENT",
      segmentFilterExpression: { segmentEventFilter: { eventName: "add_to_cart" } },
    },
  ],
};

function byUser(list: StoredEvent[]): Map<string, StoredEvent[]> {
  const m = new Map<string, StoredEvent[]>();
  for (const e of list) {
    const l = m.get(e.userId);
    if (l) l.push(e);
    else m.set(e.userId, [e]);
  }
  return m;
}

async function segmented(segments: unknown[], open = true) {
  const [res] = await client.runFunnelReport({
    property: `properties/${PROPERTY}`,
    dateRanges: [{ startDate: "2025-01-01", endDate: "2025-01-31" }],
    funnel: {
      isOpenFunnel: open,
      steps: [
        { name: "Cart", filterExpression: { funnelEventFilter: { eventName: "add_to_cart" } } },
        {
          name: "Purchase",
          filterExpression: { funnelEventFilter: { eventName: "purchase" } },
          withinDurationFromPriorStep: { seconds: 7 * 86400 },
        },
      ],
    },
    segments: segments as never,
  });
  const table = res.funnelTable;
  const rows = (table?.rows ?? []).map((r) => ({
    step: r.dimensionValues?.[0]?.value,
    segment: r.dimensionValues?.[1]?.value,
    users: Number(r.metricValues?.[0]?.value),
    abandoned: Number(r.metricValues?.[2]?.value),
  }));
  return { headers: table?.dimensionHeaders?.map((h) => h.name), rows };
}

const steps = [
  { match: (e: StoredEvent) => e.eventName === "add_to_cart" },
  { match: (e: StoredEvent) => e.eventName === "purchase", withinMicros: 7 * 86400e6 },
];

describe("runFunnelReport segments", () => {
  it("evaluates the funnel in each user segment, one row per step and segment", async () => {
    const { headers, rows } = await segmented([
      { name: "carted", userSegment: { userInclusionCriteria: cartCriteria } },
      {
        name: "never carted",
        userSegment: {
          exclusion: {
            userExclusionDuration: "USER_EXCLUSION_PERMANENT",
            userExclusionCriteria: cartCriteria,
          },
        },
      },
    ]);
    expect(headers).toEqual(["funnelStepName", "segment"]);
    const users = byUser(inJanuary);
    const carted = [...users.values()].filter((l) => l.some((e) => e.eventName === "add_to_cart")).flat();
    const never = [...users.values()].filter((l) => !l.some((e) => e.eventName === "add_to_cart")).flat();
    const a = bruteFunnel(carted, steps, true);
    const b = bruteFunnel(never, steps, true);
    const row = (step: string, segment: string) => rows.find((r) => r.step === step && r.segment === segment);
    expect(row("1. Cart", "carted")).toMatchObject({
      users: a.users[0],
      abandoned: a.users[0]! - a.continued[0]!,
    });
    expect(row("2. Purchase", "carted")?.users).toBe(a.users[1]);
    expect(row("1. Cart", "never carted")?.users).toBe(0);
    // nobody in the excluded segment can reach step 1: step 2's users bought without a cart event
    const buyers = new Set(never.filter((e) => e.eventName === "purchase").map((e) => e.userId));
    expect(row("2. Purchase", "never carted")?.users).toBe(buyers.size);
    expect(buyers.size).toBeGreaterThan(0);
    expect(b.users[1]).toBe(buyers.size);
  });

  it("scopes conditions within one event, one session or across sessions", async () => {
    const both = (scope: string) => ({
      name: scope,
      userSegment: {
        userInclusionCriteria: {
          andConditionGroups: [
            {
              conditionScoping: scope,
              segmentFilterExpression: {
                andGroup: {
                  expressions: [
                    { segmentEventFilter: { eventName: "add_to_cart" } },
                    { segmentEventFilter: { eventName: "begin_checkout" } },
                  ],
                },
              },
            },
          ],
        },
      },
    });
    const { rows } = await segmented(
      [
        "USER_CRITERIA_WITHIN_SAME_EVENT",
        "USER_CRITERIA_WITHIN_SAME_SESSION",
        "USER_CRITERIA_ACROSS_ALL_SESSIONS",
      ].map(both),
    );
    const cart = (scope: string) => rows.find((r) => r.step === "1. Cart" && r.segment === scope)?.users;
    // No event is both names; a session or the whole history can hold both.
    expect(cart("USER_CRITERIA_WITHIN_SAME_EVENT")).toBe(0);
    const users = [...byUser(inJanuary).values()];
    const has = (l: StoredEvent[], n: string) => l.some((e) => e.eventName === n);
    const sessions = (l: StoredEvent[]) => [
      ...byUser(l.map((e) => ({ ...e, userId: e.sessionId }))).values(),
    ];
    expect(cart("USER_CRITERIA_WITHIN_SAME_SESSION")).toBe(
      users.filter((l) => sessions(l).some((s) => has(s, "add_to_cart") && has(s, "begin_checkout"))).length,
    );
    expect(cart("USER_CRITERIA_ACROSS_ALL_SESSIONS")).toBe(
      users.filter((l) => has(l, "add_to_cart") && has(l, "begin_checkout")).length,
    );
  });

  it("refuses what it cannot evaluate faithfully", async () => {
    await expect(segmented([{ name: "s", sessionSegment: {} }])).rejects.toThrow(/only userSegment/);
    await expect(
      segmented([{ name: "s", userSegment: { userInclusionCriteria: { andSequenceGroups: [{}] } } }]),
    ).rejects.toThrow(/andSequenceGroups/);
  });
});
