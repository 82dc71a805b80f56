// The user-scoped firstSessionDate through the official client: the day of each user's first event,
// whatever the date range (discover --source ga4 splits users by its parity).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { betaClient } from "./clients.js";
import { PROPERTY } from "./fixture-project.js";
import { type RouteServer, serveRoutes } from "./route-server.js";
import { buildWorld, inDays, NOW } from "./world.js";

const { store, events } = buildWorld();
let server: RouteServer;
let beta: ReturnType<typeof betaClient>;

beforeAll(async () => {
  server = await serveRoutes(dataApiRoutes(store, { now: NOW, exactCounts: true }));
  beta = betaClient(server.port);
});
afterAll(async () => {
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
