// Metrics of a report row, computed from an aggregation group.

import { ApiError } from "../http/route.js";
import { type DistinctCounter, exactCounter } from "./distinct-count.js";

export interface Group {
  codes: number[];
  eventCount: number;
  keyEvents: number;
  users: Set<number>;
  sessions: Set<number>;
}

export const SUPPORTED_METRICS = [
  "totalUsers",
  "activeUsers",
  "eventCount",
  "keyEvents",
  "sessions",
] as const;

export function checkMetric(name: string): void {
  if (!(SUPPORTED_METRICS as readonly string[]).includes(name)) {
    throw new ApiError(
      400,
      "INVALID_ARGUMENT",
      `Field ${name} is not a valid metric. Supported: ${SUPPORTED_METRICS.join(", ")}.`,
    );
  }
}

/**
 * activeUsers equals totalUsers here: every synthetic/MP user counts as active (documented).
 * Users and sessions are counted by `distinct` (GA4: HyperLogLog++ estimates).
 */
export function metricValue(name: string, g: Group, distinct: DistinctCounter = exactCounter): number {
  switch (name) {
    case "totalUsers":
    case "activeUsers":
      return distinct.users(g.users);
    case "eventCount":
      return g.eventCount;
    case "keyEvents":
      return g.keyEvents;
    default:
      return distinct.sessions(g.sessions);
  }
}

export function mergeInto(target: Group, g: Group): void {
  target.eventCount += g.eventCount;
  target.keyEvents += g.keyEvents;
  for (const u of g.users) target.users.add(u);
  for (const s of g.sessions) target.sessions.add(s);
}

export function emptyGroup(codes: number[]): Group {
  return { codes, eventCount: 0, keyEvents: 0, users: new Set(), sessions: new Set() };
}
