// The exposure extraction in memory, over plain event records: the reference the SQL extraction
// (exposure-query.ts) is tested against, and the path the traffic generator's tests take. Sessions
// are (user, session id) ordered by their first event; goals are matched by event name.

import { categoryOf } from "./category.js";
import type { SessionHistory } from "./session-history.js";

export interface JourneyEvent {
  userId: string;
  sessionId: string | number;
  timestampMicros: number;
  eventName: string;
  pagePath?: string;
  params?: Readonly<Record<string, string | number>>;
  device?: string;
  medium?: string;
  source?: string;
  firstTouchMicros?: number;
}

export interface EventJourneys {
  history: SessionHistory;
  firstTime: Map<string, Float64Array>;
  dataStart: number;
  dataEnd: number;
}

/** `goals`: goal id → event name. `dataEnd`: seconds, the end of the data (exclusive). */
export function journeysFromEvents(
  events: readonly JourneyEvent[],
  goals: { id: string; event: string }[],
  dataStart: number,
  dataEnd: number,
): EventJourneys {
  const sorted = [...events].sort((a, b) =>
    a.userId === b.userId ? a.timestampMicros - b.timestampMicros : a.userId < b.userId ? -1 : 1,
  );
  const users = new Map<string, number>();
  for (const e of sorted) if (!users.has(e.userId)) users.set(e.userId, users.size);
  const firstTime = new Map(goals.map((g) => [g.id, new Float64Array(users.size).fill(Number.NaN)]));
  const byEvent = new Map<string, string[]>();
  for (const g of goals) byEvent.set(g.event, [...(byEvent.get(g.event) ?? []), g.id]);
  type Row = {
    user: number;
    start: number;
    so: [number, number, number, number];
    first: number;
    device: string | null;
    medium: string | null;
    source: string | null;
    landing: string | null;
  };
  const rows: Row[] = [];
  let i = 0;
  while (i < sorted.length) {
    const userId = sorted[i]!.userId;
    const u = users.get(userId)!;
    let end = i;
    while (end < sorted.length && sorted[end]!.userId === userId) end++;
    const sessions = new Map<string, Row>();
    let pv = 0;
    let ev = 0;
    let engaged = 0;
    const firstSeen = sorted[i]!.firstTouchMicros ?? sorted[i]!.timestampMicros;
    for (let k = i; k < end; k++) {
      const e = sorted[k]!;
      const key = String(e.sessionId);
      const t = e.timestampMicros / 1e6;
      if (!sessions.has(key)) {
        const row: Row = {
          user: u,
          start: t,
          so: [sessions.size, pv, ev, engaged],
          first: (t * 1e6 - firstSeen) / 86_400e6,
          device: e.device ?? null,
          medium: sorted[i]!.medium ?? null,
          source: sorted[i]!.source ?? null,
          landing: null,
        };
        sessions.set(key, row);
        rows.push(row);
      }
      const row = sessions.get(key)!;
      if (e.eventName === "page_view") {
        pv++;
        if (row.landing === null) row.landing = e.pagePath ?? null;
      }
      ev++;
      const ms = e.params?.engagement_time_msec;
      if (typeof ms === "number") engaged += ms / 1000;
      for (const g of byEvent.get(e.eventName) ?? []) {
        const ft = firstTime.get(g)!;
        if (Number.isNaN(ft[u] as number)) ft[u] = t;
      }
    }
    i = end;
  }
  const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
  return {
    history: {
      user: Int32Array.from(rows, (r) => r.user),
      users: users.size,
      start: col((r) => r.start),
      sessionsSoFar: col((r) => r.so[0]),
      pageViewsSoFar: col((r) => r.so[1]),
      eventsSoFar: col((r) => r.so[2]),
      engagedSecondsSoFar: col((r) => r.so[3]),
      daysSinceFirstVisit: col((r) => Math.max(0, Math.floor(r.first))),
      device: categoryOf(rows.map((r) => r.device)),
      firstMedium: categoryOf(rows.map((r) => r.medium)),
      firstSource: categoryOf(rows.map((r) => r.source)),
      landingPage: categoryOf(rows.map((r) => r.landing)),
    },
    firstTime,
    dataStart,
    dataEnd,
  };
}
