import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { type BruteStep, bruteFunnel } from "./brute-force.js";
import { alphaClient } from "./clients.js";
import { PROPERTY } from "./fixture-project.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { buildWorld, inDays, NOW } from "./world.js";

const { store, events } = buildWorld();
const january = inDays("2025-01-01", "2025-01-31");
const inJanuary = events.filter(january);
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

interface StepSpec {
  name: string;
  filterExpression: unknown;
  brute: (e: StoredEvent) => boolean;
  isDirectlyFollowedBy?: boolean;
  seconds?: number;
}

const ev = (name: string): Pick<StepSpec, "filterExpression" | "brute"> => ({
  filterExpression: { funnelEventFilter: { eventName: name } },
  brute: (e) => e.eventName === name,
});

async function check(steps: StepSpec[], open: boolean, breakdown = false) {
  const [res] = await client.runFunnelReport({
    property: `properties/${PROPERTY}`,
    dateRanges: [{ startDate: "2025-01-01", endDate: "2025-01-31" }],
    funnel: {
      isOpenFunnel: open,
      steps: steps.map((s) => ({
        name: s.name,
        isDirectlyFollowedBy: s.isDirectlyFollowedBy ?? false,
        filterExpression: s.filterExpression as never,
        ...(s.seconds !== undefined ? { withinDurationFromPriorStep: { seconds: s.seconds } } : {}),
      })),
    },
    ...(breakdown ? { funnelBreakdown: { breakdownDimension: { name: "eventName" }, limit: 15 } } : {}),
  });
  const brute = bruteFunnel(
    inJanuary,
    steps.map(
      (s): BruteStep => ({
        match: s.brute,
        direct: s.isDirectlyFollowedBy,
        withinMicros: s.seconds === undefined ? undefined : s.seconds * 1e6,
      }),
    ),
    open,
  );
  const table = res.funnelTable;
  expect(table?.dimensionHeaders?.map((h) => h.name)).toEqual(
    breakdown ? ["funnelStepName", "eventName"] : ["funnelStepName"],
  );
  expect(table?.metricHeaders?.map((h) => h.name)).toEqual([
    "activeUsers",
    "funnelStepCompletionRate",
    "funnelStepAbandonments",
    "funnelStepAbandonmentRate",
  ]);
  const totals = (table?.rows ?? []).filter(
    (r) => !breakdown || r.dimensionValues?.[1]?.value === "RESERVED_TOTAL",
  );
  const last = steps.length - 1;
  expect(totals.map((r) => r.dimensionValues?.[0]?.value)).toEqual(
    steps.map((s, k) => `${k + 1}. ${s.name}`),
  );
  totals.forEach((r, k) => {
    const users = brute.users[k] as number;
    const cont = k === last ? 0 : (brute.continued[k] as number);
    const aband = k === last ? 0 : users - cont;
    expect(r.metricValues?.map((m) => Number(m.value))).toEqual([
      users,
      users ? cont / users : 0,
      aband,
      users ? aband / users : 0,
    ]);
  });
  expect(res.funnelVisualization?.rows?.map((r) => Number(r.metricValues?.[0]?.value))).toEqual(brute.users);
  if (breakdown) {
    steps.forEach((s, k) => {
      const got = new Map(
        (table?.rows ?? [])
          .filter(
            (r) =>
              r.dimensionValues?.[0]?.value === `${k + 1}. ${s.name}` &&
              r.dimensionValues?.[1]?.value !== "RESERVED_TOTAL",
          )
          .map((r) => [r.dimensionValues?.[1]?.value, Number(r.metricValues?.[0]?.value)]),
      );
      expect(got).toEqual(brute.byEvent[k]);
    });
  }
  return brute;
}

describe("runFunnelReport through the official client equals brute force", () => {
  const checkout: StepSpec[] = [
    { name: "Cart", ...ev("add_to_cart") },
    { name: "Checkout", ...ev("begin_checkout") },
    { name: "Purchase", ...ev("purchase") },
  ];

  it("closed funnel", async () => {
    const b = await check(checkout, false);
    expect(b.users[0]).toBeGreaterThan(b.users[1] as number);
    expect(b.users[2]).toBeGreaterThan(0);
  });

  it("open funnel lets users enter at any step", async () => {
    const open = await check(checkout, true);
    const closed = bruteFunnel(
      inJanuary,
      checkout.map((s) => ({ match: s.brute })),
      false,
    );
    expect(open.users[2]).toBeGreaterThan(closed.users[2] as number);
  });

  it("withinDurationFromPriorStep (a later entry can still make the window)", async () => {
    const steps = [
      checkout[0],
      { ...checkout[1], seconds: 600 },
      { ...checkout[2], seconds: 3600 },
    ] as StepSpec[];
    const b = await check(steps, false);
    const unbounded = bruteFunnel(
      inJanuary,
      checkout.map((s) => ({ match: s.brute })),
      false,
    );
    expect(b.users[1]).toBeLessThan(unbounded.users[1] as number);
  });

  it("isDirectlyFollowedBy", async () => {
    const steps: StepSpec[] = [
      { name: "Landing", ...ev("page_view") },
      { name: "Checkout", ...ev("begin_checkout"), isDirectlyFollowedBy: true },
      { name: "Then purchase", ...ev("purchase"), isDirectlyFollowedBy: true },
    ];
    const b = await check(steps, false);
    expect(b.users[1]).toBeGreaterThan(0);
    await check(steps, true);
  });

  it("field filters, parameter filters, or-groups and an eventName breakdown", async () => {
    const steps: StepSpec[] = [
      {
        name: "Pricing or blog",
        filterExpression: {
          orGroup: {
            expressions: [
              {
                funnelFieldFilter: {
                  fieldName: "pagePath",
                  stringFilter: { matchType: "BEGINS_WITH", value: "/pricing" },
                },
              },
              { funnelEventFilter: { eventName: "read_blog" } },
            ],
          },
        },
        brute: (e) => e.pagePath.toLowerCase().startsWith("/pricing") || e.eventName === "read_blog",
      },
      {
        name: "Paid in EUR",
        filterExpression: {
          funnelEventFilter: {
            eventName: "purchase",
            funnelParameterFilterExpression: {
              funnelParameterFilter: { eventParameterName: "currency", stringFilter: { value: "EUR" } },
            },
          },
        },
        brute: (e) => e.eventName === "purchase" && e.params.currency === "EUR",
      },
      {
        name: "Not a page view",
        filterExpression: { notExpression: { funnelEventFilter: { eventName: "page_view" } } },
        brute: (e) => e.eventName !== "page_view",
      },
    ];
    const b = await check(steps, false, true);
    expect(b.users[1]).toBeGreaterThan(0);
  });
});
