// GA4's session-scoped traffic dimensions through the official clients, on hand-made events: a
// session takes the source/medium/campaign parameters of its earliest event carrying any of them
// (a user with sessions from two sources counts under both), a session with none is
// (direct)/(none)/(direct), a field missing beside the others is "(not set)"; the channel follows
// GA4's rules; and a funnel broken down by a session dimension keeps each user on the value of
// their first step, even when a later step happens in a session from another source.
import { describe, expect, it } from "vitest";
import { type EventInput, EventStore } from "../../../src/emulator/data/event-store.js";
import { exactDataApiOn } from "./clients.js";

const PROPERTY = "556";
const property = `properties/${PROPERTY}`;
const T = Date.UTC(2025, 0, 10, 10) * 1000;
const M = 60_000_000;
const store = new EventStore();
const ev = (
  userId: string,
  minute: number,
  eventName: string,
  session: number,
  params: Record<string, string> = {},
): EventInput => ({
  propertyId: PROPERTY,
  userId,
  sessionId: session,
  timestampMicros: T + minute * M,
  eventName,
  params: { ga_session_id: session, ...params },
});
const cpc = { source: "google", medium: "cpc", campaign: "winter" };
store.appendBatch([
  // a: session 1 from paid search (tagged on its second event), session 2 from a newsletter;
  // the micro goal in session 1, the purchase in session 2
  ev("a", 0, "session_start", 1),
  ev("a", 1, "page_view", 1, cpc),
  ev("a", 2, "add_to_cart", 1),
  ev("a", 3, "page_view", 1, { source: "bing", medium: "cpc" }), // later tag: the session keeps google
  ev("a", 600, "session_start", 2),
  ev("a", 600, "page_view", 2, { source: "newsletter", medium: "email" }),
  ev("a", 601, "purchase", 2),
  // b: one untagged session (direct), micro goal then purchase
  ev("b", 0, "session_start", 1),
  ev("b", 1, "add_to_cart", 1),
  ev("b", 2, "purchase", 1),
  // c: a source without medium or campaign
  ev("c", 0, "page_view", 1, { source: "facebook" }),
]);

const api = exactDataApiOn(store);

const dateRanges = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];
async function by(name: string, eventName?: string): Promise<Record<string, number>> {
  const [res] = await api.beta.runReport({
    property,
    dimensions: [{ name }],
    metrics: [{ name: "totalUsers" }],
    dateRanges,
    ...(eventName
      ? { dimensionFilter: { filter: { fieldName: "eventName", stringFilter: { value: eventName } } } }
      : {}),
  });
  return Object.fromEntries(
    (res.rows ?? []).map((r) => [r.dimensionValues![0]!.value!, Number(r.metricValues![0]!.value)]),
  );
}

describe("session-scoped traffic dimensions", () => {
  it.each([
    ["sessionSource", { google: 1, newsletter: 1, "(direct)": 1, facebook: 1 }],
    ["sessionMedium", { cpc: 1, email: 1, "(none)": 1, "(not set)": 1 }],
    ["sessionCampaignName", { winter: 1, "(direct)": 1, "(not set)": 2 }],
    ["sessionDefaultChannelGroup", { "Paid Search": 1, Email: 1, Direct: 1, "Organic Social": 1 }],
  ])("%s: users per value of their sessions", async (name, expected) => {
    expect(await by(name)).toEqual(expected);
  });

  it("an event counts under its own session's value", async () => {
    expect(await by("sessionDefaultChannelGroup", "add_to_cart")).toEqual({ "Paid Search": 1, Direct: 1 });
    expect(await by("sessionDefaultChannelGroup", "purchase")).toEqual({ Email: 1, Direct: 1 });
  });

  it("funnelBreakdown by a session dimension: the value at the user's first step, on every step", async () => {
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
      funnelBreakdown: { breakdownDimension: { name: "sessionDefaultChannelGroup" }, limit: 15 },
    });
    const rows = (res.funnelTable?.rows ?? []).map((r) =>
      [...r.dimensionValues!.map((d) => d.value), r.metricValues![0]!.value, r.metricValues![2]!.value].join(
        "|",
      ),
    );
    // a's purchase (an Email session) stays under Paid Search, where a entered the funnel.
    expect(rows).toEqual([
      "1. add_to_cart|RESERVED_TOTAL|2|0",
      "1. add_to_cart|Direct|1|0",
      "1. add_to_cart|Paid Search|1|0",
      "2. purchase|RESERVED_TOTAL|2|0",
      "2. purchase|Direct|1|0",
      "2. purchase|Paid Search|1|0",
    ]);
  });
});
