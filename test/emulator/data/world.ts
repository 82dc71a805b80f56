// Shared test world: seeded synthetic traffic for the fixture project plus a few hand-made users
// that exercise funnel edge cases (repeated entry steps, wrong order, equal timestamps).

import { EventStore, type StoredEvent } from "../../../src/emulator/data/event-store.js";
import { loadTraffic } from "../../../src/emulator/traffic/load-traffic.js";
import { fixtureProject, PROPERTY } from "./fixture-project.js";

export const NOW = new Date("2025-02-01T12:00:00Z");
export const START = "2025-01-01";
export const KEY_EVENTS = new Set(["purchase", "demo_request"]);
const T0 = Date.parse("2025-01-20T10:00:00Z") * 1000;
const S = 1_000_000;

export function buildWorld(users = 2500): { store: EventStore; events: StoredEvent[] } {
  const store = new EventStore();
  loadTraffic(store, PROPERTY, fixtureProject(), { seed: 42, startDate: START, days: 28, users });
  const edge = (userId: string, evs: [number, string][]) => {
    for (const [dt, eventName] of evs) {
      store.append({
        propertyId: PROPERTY,
        userId,
        sessionId: 1,
        timestampMicros: T0 + dt * S,
        eventName,
        pagePath: "/edge",
      });
    }
  };
  edge("edge-late-start", [
    [0, "add_to_cart"],
    [500, "add_to_cart"],
    [1000, "begin_checkout"],
    [1001, "purchase"],
  ]);
  edge("edge-wrong-order", [
    [0, "begin_checkout"],
    [10, "add_to_cart"],
    [20, "purchase"],
  ]);
  edge("edge-same-time", [
    [0, "add_to_cart"],
    [0, "begin_checkout"],
    [5, "purchase"],
  ]);
  edge("edge-direct", [
    [0, "add_to_cart"],
    [1, "begin_checkout"],
    [2, "page_view"],
    [3, "purchase"],
  ]);
  // another property's events must never leak into reports
  store.append({
    propertyId: "999",
    userId: "other",
    sessionId: 1,
    timestampMicros: T0,
    eventName: "purchase",
  });
  return { store, events: [...store.events(PROPERTY)] };
}

export function inDays(from: string, to: string): (e: StoredEvent) => boolean {
  const lo = Date.parse(`${from}T00:00:00Z`) * 1000;
  const hi = Date.parse(`${to}T00:00:00Z`) * 1000 + 86_400_000_000;
  return (e) => e.timestampMicros >= lo && e.timestampMicros < hi;
}

/** API rows → "dim|dim" → numbers, for exact comparison with brute force. */
export function rowsOf(
  rows:
    | {
        dimensionValues?: { value?: string | null }[] | null;
        metricValues?: { value?: string | null }[] | null;
      }[]
    | null
    | undefined,
): Map<string, number[]> {
  return new Map(
    (rows ?? []).map((r) => [
      (r.dimensionValues ?? []).map((d) => d.value ?? "").join("|"),
      (r.metricValues ?? []).map((m) => Number(m.value)),
    ]),
  );
}
