// Test-only synthetic traffic with known truth, and an independent brute-force count over raw
// events. Each micro goal i has its own macro goal; a user does micro i with probability
// `microShare`, then its macro within the window with probability `rateAfter`; a user who never
// does micro i does macro i with probability `baseline`. So the true P(macro|micro) = rateAfter,
// P(macro|no micro) = baseline, exactly the quantities the report estimates.
import type { EventInput } from "../../src/emulator/data/event-store.js";
import { mulberry32 } from "../../src/emulator/traffic/prng.js";
import type { Goal, Project } from "../../src/project/model.js";
import type { FunnelCount, GoalCount, PairCount, ReportInput } from "../../src/report/model.js";
import { emptyCaveats } from "../../src/report/model.js";
import { testGoal, testProject } from "./fixture.js";

export interface PairTruth {
  micro: string;
  macro: string;
  microShare: number;
  rateAfter: number;
  baseline: number;
}

export const DAY = 86_400_000_000; // µs
export const START = Date.UTC(2024, 4, 1) * 1000; // 2024-05-01 in µs
export const RANGE = { since: "2024-05-01", until: "2024-05-28" };
export const WINDOW_S = 7 * 86400;

export function projectFor(truth: PairTruth[], extra: Goal[] = []): Project {
  const goals: Goal[] = [];
  for (const t of truth) {
    if (!goals.some((g) => g.id === t.macro)) goals.push(testGoal(t.macro, "macro", [], 50));
    goals.push(testGoal(t.micro, "micro", [t.macro]));
  }
  const p = testProject([...goals, ...extra]);
  p.report.minUsers = 30;
  p.funnels = [];
  return p;
}

export function generate(
  truth: PairTruth[],
  users: number,
  seed: number,
  propertyId = "400000001",
): EventInput[] {
  const r = mulberry32(seed);
  const out: EventInput[] = [];
  // Days 0..19 for first events leave 7 days of window inside the 28-day range.
  for (let u = 0; u < users; u++) {
    const userId = `u${u}`;
    const t0 = START + Math.floor(r() * 20 * DAY);
    const ev = (eventName: string, t: number) =>
      out.push({ propertyId, userId, sessionId: 1, timestampMicros: t, eventName });
    ev("page_view", t0);
    for (const t of truth) {
      const micro = r() < t.microShare;
      const tm = t0 + 1000 + Math.floor(r() * DAY);
      if (micro) {
        ev(t.micro, tm);
        if (r() < t.rateAfter) ev(t.macro, tm + 1 + Math.floor(r() * (WINDOW_S * 1e6 - 2)));
      } else if (r() < t.baseline) {
        ev(t.macro, tm);
      }
    }
  }
  return out;
}

/** Brute force over raw events: the counts a report must produce, by definition. */
export function bruteForce(
  events: EventInput[],
  plan: {
    goals: { goalId: string; event: string }[];
    pairs: { microId: string; macroId: string; microEvent: string; macroEvent: string }[];
  },
  funnels: {
    funnelId: string;
    open: boolean;
    windowSeconds: number;
    steps: { goalId: string; event: string }[];
  }[],
  range = RANGE,
  /** whether an event is a hit of a goal (default: its event name) */
  isHit: (goalId: string, event: string, e: EventInput) => boolean = (_g, ev, e) => e.eventName === ev,
): Omit<ReportInput, "cost" | "source" | "propertyId"> {
  const lo = Date.parse(`${range.since}T00:00:00Z`) * 1000;
  const hi = Date.parse(`${range.until}T00:00:00Z`) * 1000 + DAY;
  const byUser = new Map<string, EventInput[]>();
  for (const e of events) {
    if (e.timestampMicros < lo || e.timestampMicros >= hi) continue;
    const list = byUser.get(e.userId) ?? [];
    list.push(e);
    byUser.set(e.userId, list);
  }
  const times = (list: EventInput[], goalId: string, event: string) =>
    list.filter((e) => isHit(goalId, event, e)).map((e) => e.timestampMicros);
  const goals: GoalCount[] = plan.goals.map((g) => {
    let users = 0;
    let n = 0;
    for (const list of byUser.values()) {
      const c = times(list, g.goalId, g.event).length;
      n += c;
      if (c > 0) users++;
    }
    return { goalId: g.goalId, event: g.event, users, events: n };
  });
  const pairs: PairCount[] = plan.pairs.map((p) => {
    let microUsers = 0;
    let after = 0;
    let without = 0;
    for (const list of byUser.values()) {
      const tm = times(list, p.microId, p.microEvent);
      const tM = times(list, p.macroId, p.macroEvent);
      if (tm.length > 0) {
        microUsers++;
        if (tm.some((a) => tM.some((b) => b > a && b - a <= WINDOW_S * 1e6))) after++;
      } else if (tM.length > 0) without++;
    }
    return {
      microId: p.microId,
      macroId: p.macroId,
      windowSeconds: WINDOW_S,
      microUsers,
      convertedAfterMicro: after,
      nonMicroUsers: byUser.size - microUsers,
      convertedWithoutMicro: without,
    };
  });
  const funnelCounts: FunnelCount[] = funnels.map((f) => {
    const counts = f.steps.map(() => 0);
    // continued[k]: users who went on from step k to step k+1 within the window.
    const continued = f.steps.map(() => 0);
    for (const list of byUser.values()) {
      let reached: number[] = [];
      f.steps.forEach((s, k) => {
        const ts = times(list, s.goalId, s.event);
        const via = ts.filter((t) => reached.some((p) => t > p && t - p <= f.windowSeconds * 1e6));
        if (k > 0 && via.length > 0) continued[k - 1]++;
        reached = k === 0 || f.open ? ts : via;
        if (reached.length > 0) counts[k]++;
      });
    }
    const last = f.steps.length - 1;
    return {
      funnelId: f.funnelId,
      open: f.open,
      steps: f.steps.map((s, k) => ({
        goalId: s.goalId,
        users: counts[k],
        ...(k < last ? { continued: continued[k] } : {}),
      })),
    };
  });
  return {
    dateRange: range,
    totalUsers: byUser.size,
    goals,
    pairs,
    funnels: funnelCounts,
    caveats: emptyCaveats(),
  };
}
