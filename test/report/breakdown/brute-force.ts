// An independent breakdown: plain TypeScript over event rows (no SQL), for checking the export
// query. First-visit scope: a user's segment is read from their first event (by time, then event
// name); a pair converts when a macro event has a micro event of the same user in [t − W, t).
import type { SegmentCount } from "../../../src/report/breakdown/model.js";

export interface Row {
  u: string;
  t: number;
  e: string;
  /** this event's value of the dimension (first-visit scope reads it on the user's first event) */
  v: string;
}

export function bruteBreakdown(
  rows: Row[],
  goals: string[],
  pairs: { microId: string; macroId: string; windowSeconds: number }[],
): SegmentCount[] {
  const users = new Map<string, { first: Row; events: Row[] }>();
  for (const r of rows) {
    const u = users.get(r.u);
    if (!u) users.set(r.u, { first: r, events: [r] });
    else {
      u.events.push(r);
      if (r.t < u.first.t || (r.t === u.first.t && r.e < u.first.e)) u.first = r;
    }
  }
  const segs = new Map<
    string,
    { users: number; goal: Map<string, number>; conv: number[]; both: number[] }
  >();
  for (const { first, events } of users.values()) {
    const s = segs.get(first.v) ?? {
      users: 0,
      goal: new Map<string, number>(),
      conv: pairs.map(() => 0),
      both: pairs.map(() => 0),
    };
    segs.set(first.v, s);
    s.users++;
    const did = new Set(events.map((e) => e.e));
    for (const g of goals) if (did.has(g)) s.goal.set(g, (s.goal.get(g) ?? 0) + 1);
    pairs.forEach((p, k) => {
      if (did.has(p.microId) && did.has(p.macroId)) s.both[k]++;
      const micros = events.filter((e) => e.e === p.microId).map((e) => e.t);
      const w = p.windowSeconds * 1e6;
      if (events.some((m) => m.e === p.macroId && micros.some((t) => t < m.t && t >= m.t - w))) s.conv[k]++;
    });
  }
  return [...segs].map(([value, s]) => ({
    values: [value],
    totalUsers: s.users,
    goals: goals.map((g) => ({ goalId: g, users: s.goal.get(g) ?? 0 })),
    pairs: pairs.map((p, k) => ({
      microId: p.microId,
      macroId: p.macroId,
      windowSeconds: p.windowSeconds,
      microUsers: s.goal.get(p.microId) ?? 0,
      convertedAfterMicro: s.conv[k],
      nonMicroUsers: s.users - (s.goal.get(p.microId) ?? 0),
      convertedWithoutMicro: (s.goal.get(p.macroId) ?? 0) - s.both[k],
    })),
  }));
}
