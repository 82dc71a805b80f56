// Device, geo and first-user acquisition dimensions through the official clients: runReport's
// values per user, firstUser* taken from the user's first event, channel by GA4's rules, landing
// page per session, new vs returning from ga_session_number, "(not set)" where the events carry
// nothing; and runFunnelReport with both user segments and funnelBreakdown.
import { describe, expect, it } from "vitest";
import { type EventInput, EventStore } from "../../../src/emulator/data/event-store.js";
import { exactDataApiOn } from "./clients.js";

const PROPERTY = "555";
const property = `properties/${PROPERTY}`;
const T = Date.UTC(2025, 0, 10, 10) * 1000;
const H = 3_600_000_000;
const store = new EventStore();
const ev = (
  userId: string,
  hour: number,
  eventName: string,
  extra: Partial<EventInput> & { session?: number; page?: string } = {},
): EventInput => ({
  propertyId: PROPERTY,
  userId,
  sessionId: extra.session ?? 1,
  timestampMicros: T + hour * H,
  eventName,
  pagePath: extra.page,
  params: { ga_session_number: extra.session ?? 1 },
  traffic: extra.traffic,
});
const paid = {
  firstUserSource: "google",
  firstUserMedium: "cpc",
  firstUserCampaignName: "winter",
  deviceCategory: "mobile",
  country: "France",
};
const social = {
  firstUserSource: "facebook",
  firstUserMedium: "referral",
  deviceCategory: "desktop",
  country: "Spain",
};
store.appendBatch([
  // a: paid search, two sessions; a later event names another source, but the first user's stays
  ev("a", 0, "page_view", { page: "/", traffic: paid }),
  ev("a", 1, "add_to_cart", { traffic: paid }),
  ev("a", 30, "page_view", { session: 2, page: "/cart", traffic: { ...paid, firstUserSource: "bing" } }),
  ev("a", 31, "purchase", { session: 2, traffic: paid }),
  // b: organic social (facebook), one session, no purchase
  ev("b", 2, "page_view", { page: "/blog", traffic: social }),
  ev("b", 3, "add_to_cart", { traffic: social }),
  // c: nothing known
  ev("c", 4, "page_view", { page: "/" }),
  ev("c", 5, "purchase"),
]);

const api = exactDataApiOn(store);

const dateRanges = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];
async function usersBy(name: string): Promise<Record<string, number>> {
  const [res] = await api.beta.runReport({
    property,
    dimensions: [{ name }],
    metrics: [{ name: "totalUsers" }],
    dateRanges,
  });
  return Object.fromEntries(
    (res.rows ?? []).map((r) => [r.dimensionValues![0]!.value!, Number(r.metricValues![0]!.value)]),
  );
}

describe("traffic dimensions", () => {
  it.each([
    ["firstUserDefaultChannelGroup", { "Paid Search": 1, "Organic Social": 1, Unassigned: 1 }],
    ["firstUserSource", { google: 1, facebook: 1, "(not set)": 1 }],
    ["firstUserMedium", { cpc: 1, referral: 1, "(not set)": 1 }],
    ["firstUserCampaignName", { winter: 1, "(not set)": 2 }],
    ["deviceCategory", { mobile: 1, desktop: 1, "(not set)": 1 }],
    ["country", { France: 1, Spain: 1, "(not set)": 1 }],
    ["newVsReturning", { new: 3, returning: 1 }],
    ["landingPage", { "/": 2, "/cart": 1, "/blog": 1 }],
  ])("%s", async (name, expected) => {
    expect(await usersBy(name)).toEqual(expected);
  });

  it("refuses an unknown dimension with 400 INVALID_ARGUMENT", async () => {
    await expect(usersBy("firstUserBrowser")).rejects.toThrow(/INVALID_ARGUMENT|not a valid dimension/);
  });

  it("runFunnelReport: user segments together with funnelBreakdown", async () => {
    const step = (eventName: string) => ({ funnelEventFilter: { eventName } });
    const [res] = await api.alpha.runFunnelReport({
      property,
      dateRanges,
      funnel: {
        isOpenFunnel: true,
        steps: [
          { name: "add_to_cart", filterExpression: step("add_to_cart") },
          { name: "purchase", filterExpression: step("purchase") },
        ],
      },
      funnelBreakdown: { breakdownDimension: { name: "firstUserDefaultChannelGroup" }, limit: 15 },
      segments: [
        {
          name: "did micro",
          userSegment: {
            userInclusionCriteria: {
              andConditionGroups: [
                {
                  conditionScoping: "USER_CRITERIA_WITHIN_SAME_EVENT",
                  segmentFilterExpression: { segmentEventFilter: { eventName: "add_to_cart" } },
                },
              ],
            },
          },
        },
      ],
    });
    const t = res.funnelTable!;
    expect(t.dimensionHeaders!.map((h) => h.name)).toEqual([
      "funnelStepName",
      "firstUserDefaultChannelGroup",
      "segment",
    ]);
    const rows = (t.rows ?? []).map((r) =>
      [...r.dimensionValues!.map((d) => d.value), r.metricValues![0]!.value].join("|"),
    );
    expect(rows).toEqual([
      "1. add_to_cart|RESERVED_TOTAL|did micro|2",
      "1. add_to_cart|Organic Social|did micro|1",
      "1. add_to_cart|Paid Search|did micro|1",
      "2. purchase|RESERVED_TOTAL|did micro|1",
      "2. purchase|Paid Search|did micro|1",
    ]);
  });
});
