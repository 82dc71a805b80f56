// Synthetic GA4 traffic with known truth. Per user: 1..8 sessions within three days inside the
// date range; each session has session_start, landing page_view, filler page_views; the user's
// micro goals (each drawn with its base rate once its funnel prerequisite happened) are spread
// over the sessions in prerequisite order; macro conversions (probability from the micro goals
// done, see traffic-model.ts) come last, after every micro goal. Events are yielded one by one
// (strictly increasing time per user); nothing is accumulated.

import type { Project } from "../../project/model.js";
import type { EventInput } from "../data/event-store.js";
import { expectedTruth, type GroundTruth, type ObservedPair } from "./ground-truth.js";
import { mulberry32, pickWeighted } from "./prng.js";
import {
  buildModel,
  conversionProbability,
  type TrafficModel,
  type TrafficOptions,
} from "./traffic-model.js";

export type { TrafficOptions } from "./traffic-model.js";

export interface Traffic {
  /** Single-use stream of events, user by user. */
  events: IterableIterator<EventInput>;
  /** Expected truth now; `observed` fills in as `events` is consumed. */
  truth: GroundTruth;
}

const SOURCES = ["google", "(direct)", "newsletter", "bing", "facebook"];
/** Each source's medium, so the first-user source/medium fall into distinct default channel groups. */
const MEDIUM: Record<string, string> = {
  google: "organic",
  "(direct)": "(none)",
  newsletter: "email",
  bing: "cpc",
  facebook: "social",
};
const DEVICES = ["desktop", "mobile", "tablet"];
const SOURCE_WEIGHTS = [45, 30, 10, 10, 5];
const LANDING = ["/", "/products", "/blog/trail-guide", "/business", "/about"];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function generateTraffic(project: Project, options: TrafficOptions): Traffic {
  const start = Date.parse(`${options.startDate}T00:00:00Z`);
  if (Number.isNaN(start)) throw new Error(`startDate must be YYYY-MM-DD, got ${options.startDate}`);
  if (!(options.days >= 1) || !(options.users >= 0)) throw new Error("days must be >= 1 and users >= 0");
  const model = buildModel(project, options);
  const propertyId =
    options.propertyId ??
    project.targets.find((t) => t.name === project.defaultTarget)?.ga4.propertyId ??
    "0";
  const pairs: Record<string, ObservedPair> = {};
  for (const mi of model.micros) {
    for (const ma of model.macros)
      pairs[`${mi.id}>${ma.id}`] = {
        microUsers: 0,
        microThenMacroUsers: 0,
        noMicroUsers: 0,
        noMicroMacroUsers: 0,
      };
  }
  const truth: GroundTruth = {
    seed: options.seed,
    propertyId,
    startDate: options.startDate,
    days: options.days,
    users: options.users,
    ...expectedTruth(model),
    observed: { events: 0, goalUsers: Object.fromEntries(project.goals.map((g) => [g.id, 0])), pairs },
  };
  return { events: stream(model, options, start, propertyId, truth), truth };
}

function* stream(
  model: TrafficModel,
  options: TrafficOptions,
  start: number,
  propertyId: string,
  truth: GroundTruth,
): IterableIterator<EventInput> {
  const rand = mulberry32(options.seed);
  const end = start + options.days * DAY_MS;
  const meanSessions = Math.max(1, options.sessionsPerUser ?? 2);
  const done = new Uint8Array(model.micros.length);
  const converted = new Uint8Array(model.macros.length);
  const byDepth = model.micros
    .map((_, i) => i)
    .sort((a, b) => (model.micros[a]?.depth ?? 0) - (model.micros[b]?.depth ?? 0) || a - b);
  for (let u = 0; u < options.users; u++) {
    const userId = `${1_000_000_000 + u}.${options.seed}`;
    // Which goals happen (in prerequisite order, so a funnel step never precedes its predecessor).
    done.fill(0);
    for (const i of byDepth) {
      const m = model.micros[i];
      if (m && (m.prerequisite < 0 || done[m.prerequisite]) && rand() < m.rate) done[i] = 1;
    }
    for (let j = 0; j < model.macros.length; j++)
      converted[j] = rand() < conversionProbability(model, j, done) ? 1 : 0;
    // Sessions: first day uniform, later sessions 1-24 h apart, all before the range ends.
    const sessionStarts: number[] = [];
    let t = start + Math.floor(rand() * options.days) * DAY_MS + Math.floor(rand() * (DAY_MS - 2 * HOUR_MS));
    do {
      sessionStarts.push(t);
      t += HOUR_MS + Math.floor(rand() * 23 * HOUR_MS);
    } while (sessionStarts.length < 8 && rand() < 1 - 1 / meanSessions && t < end - 2 * HOUR_MS);
    // Actions in order: micro goals by depth, then macro conversions in the last session.
    const actions: { session: number; event: string; page: string; value?: number; currency?: string }[] = [];
    const order = byDepth
      .filter((i) => done[i])
      .map((i) => ({ i, s: Math.floor(rand() * sessionStarts.length) }));
    let floor = 0;
    for (const a of order) {
      floor = Math.max(floor, a.s); // never move an action before the previous one
      const m = model.micros[a.i];
      if (m) actions.push({ session: floor, event: m.event, page: m.pagePath });
    }
    for (const [j, ma] of model.macros.entries()) {
      if (converted[j])
        actions.push({
          session: sessionStarts.length - 1,
          event: ma.event,
          page: ma.pagePath,
          value: ma.value,
          currency: ma.currency,
        });
    }
    let next = 0;
    // First-user traffic: the first session's source; device from the user number (no draw, so the
    // seeded streams and their truth are unchanged).
    let traffic: EventInput["traffic"];
    for (const [s, sessionStart] of sessionStarts.entries()) {
      const source = SOURCES[pickWeighted(rand, SOURCE_WEIGHTS)] as string;
      traffic ??= {
        firstUserSource: source,
        firstUserMedium: MEDIUM[source] ?? "(not set)",
        deviceCategory: DEVICES[u % DEVICES.length] as string,
      };
      const sessionId = Math.floor(sessionStart / 1000);
      let clock = sessionStart * 1000;
      const ev = (
        eventName: string,
        pagePath: string,
        params?: Record<string, string | number>,
      ): EventInput => {
        clock += 1_000_000 + Math.floor(rand() * 89_000_000);
        truth.observed.events++;
        return {
          propertyId,
          userId,
          sessionId,
          timestampMicros: clock,
          eventName,
          pagePath,
          sessionSource: source,
          traffic,
          ...(params ? { params } : {}),
        };
      };
      const landing = LANDING[Math.floor(rand() * LANDING.length)] as string;
      // The session's traffic source, as GA4 collects it from a tagged landing URL (direct: none).
      yield ev(
        "session_start",
        landing,
        source === "(direct)" ? undefined : { source, medium: MEDIUM[source] ?? "(not set)" },
      );
      yield ev("page_view", landing);
      const fillers = Math.floor(rand() * 3);
      for (let f = 0; f < fillers; f++)
        yield ev("page_view", LANDING[Math.floor(rand() * LANDING.length)] as string);
      while (next < actions.length && actions[next]?.session === s) {
        const a = actions[next++];
        if (!a) break;
        yield ev("page_view", a.page);
        yield ev(
          a.event,
          a.page,
          a.value !== undefined ? { value: a.value, currency: a.currency ?? "EUR" } : undefined,
        );
      }
    }
    record(model, truth, done, converted);
  }
}

function record(model: TrafficModel, truth: GroundTruth, done: Uint8Array, converted: Uint8Array): void {
  const goals = truth.observed.goalUsers;
  for (const [i, m] of model.micros.entries()) if (done[i]) goals[m.id] = (goals[m.id] ?? 0) + 1;
  for (const [j, m] of model.macros.entries()) if (converted[j]) goals[m.id] = (goals[m.id] ?? 0) + 1;
  for (const [i, mi] of model.micros.entries()) {
    for (const [j, ma] of model.macros.entries()) {
      const p = truth.observed.pairs[`${mi.id}>${ma.id}`] as ObservedPair;
      if (done[i]) {
        p.microUsers++;
        if (converted[j]) p.microThenMacroUsers++;
      } else {
        p.noMicroUsers++;
        if (converted[j]) p.noMicroMacroUsers++;
      }
    }
  }
}
