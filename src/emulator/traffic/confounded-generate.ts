// Generates confounded traffic (confounded-model.ts) user by user, with the truth an estimator is
// judged against. Per user: intent → arrival, device, a session schedule (continuing past the end of
// the data: the truth needs what would have happened), page views and engaged time per session;
// each session, each micro goal not yet done happens with its propensity; at the end of each
// session each macro goal not yet reached converts with the intent's probability times the effects
// of the micro goals done so far. Events after the end of the data are not emitted.
//
// The truth per (micro, macro) pair, over the users who did the micro goal (first time, before
// converting, within the data):
//   causal: Σ P(convert within the window | did it then) / Σ P(convert within the window | did not
//           do it then, natural course afterwards: they may still do it later), both computed exactly
//           given the user's intent, device, schedule and other micro goals (which the micro goal
//           does not change);
//   crude:  what the report's crude comparison measures on these events (converted within the
//           window after the micro goal vs converted without ever doing it).
import type { Project } from "../../project/model.js";
import type { EventInput } from "../data/event-store.js";
import {
  buildConfoundedModel,
  type ConfoundedModel,
  type ConfoundedOptions,
  INTENTS,
  type Intent,
  microProbability,
  sessionConversion,
} from "./confounded-model.js";
import { mulberry32, pickWeighted, type Random } from "./prng.js";

/** An event with what the GA4 export has beyond the emulator's event store. */
export interface ConfoundedEvent extends EventInput {
  device: string;
  medium: string;
  source: string;
  /** user_first_touch_timestamp (µs) */
  firstTouchMicros: number;
}

export interface EffectTruth {
  micro: string;
  macro: string;
  /** the generator's multiplier on the per-session conversion probability */
  multiplier: number;
  confounding: number;
  /** users who did the micro goal in the data (first time, before converting) */
  doers: number;
  /** true risk ratio on those users at the window: Σ P(convert | did it) / Σ P(convert | not then) */
  causalRiskRatio: number | null;
  /** the report's crude lift + 1 on the generated events */
  crudeRiskRatio: number | null;
  /** the report's crude 2×2 counts on the generated events (report/model.ts PairCount) */
  crude: {
    microUsers: number;
    convertedAfterMicro: number;
    nonMicroUsers: number;
    convertedWithoutMicro: number;
  };
}

export interface ConfoundedTruth {
  seed: number;
  users: number;
  windowSeconds: number;
  pairs: EffectTruth[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_SESSIONS = 12;

export function generateConfoundedTraffic(
  project: Project,
  options: ConfoundedOptions,
): { events: ConfoundedEvent[]; truth: ConfoundedTruth } {
  const start = Date.parse(`${options.startDate}T00:00:00Z`);
  if (Number.isNaN(start)) throw new Error(`startDate must be YYYY-MM-DD, got ${options.startDate}`);
  const model = buildConfoundedModel(project, options);
  const propertyId =
    options.propertyId ??
    project.targets.find((t) => t.name === project.defaultTarget)?.ga4.propertyId ??
    "0";
  const end = start + options.days * DAY_MS;
  const rand = mulberry32(options.seed);
  const nMi = model.micros.length;
  const nMa = model.macros.length;
  const sums = new Float64Array(nMi * nMa * 2);
  const doers = new Int32Array(nMi * nMa);
  // crude counts: microUsers, convertedAfterMicro, nonMicroUsers, convertedWithoutMicro
  const crude = new Int32Array(nMi * nMa * 4);
  const events: ConfoundedEvent[] = [];
  for (let u = 0; u < options.users; u++) {
    user(model, options, rand, start, end, propertyId, `${2_000_000_000 + u}.${options.seed}`, {
      events,
      sums,
      doers,
      crude,
    });
  }
  const pairs: EffectTruth[] = [];
  model.micros.forEach((mi, i) => {
    model.macros.forEach((ma, j) => {
      const k = i * nMa + j;
      const [n1, a, n0, c] = [crude[4 * k], crude[4 * k + 1], crude[4 * k + 2], crude[4 * k + 3]] as number[];
      pairs.push({
        micro: mi.id,
        macro: ma.id,
        multiplier: (model.effect[i] as number[])[j] as number,
        confounding: model.confounding[i] as number,
        doers: doers[k] as number,
        causalRiskRatio:
          (sums[2 * k + 1] as number) > 0 ? (sums[2 * k] as number) / (sums[2 * k + 1] as number) : null,
        crudeRiskRatio: n1 > 0 && n0 > 0 && c > 0 ? a / n1 / (c / n0) : null,
        crude: { microUsers: n1, convertedAfterMicro: a, nonMicroUsers: n0, convertedWithoutMicro: c },
      });
    });
  });
  return {
    events,
    truth: { seed: options.seed, users: options.users, windowSeconds: model.windowSeconds, pairs },
  };
}

interface Sink {
  events: ConfoundedEvent[];
  sums: Float64Array;
  doers: Int32Array;
  crude: Int32Array;
}

function user(
  model: ConfoundedModel,
  o: ConfoundedOptions,
  rand: Random,
  start: number,
  end: number,
  propertyId: string,
  userId: string,
  sink: Sink,
): void {
  const nMi = model.micros.length;
  const nMa = model.macros.length;
  const drawn = INTENTS[
    pickWeighted(
      rand,
      INTENTS.map((x) => x.share),
    )
  ] as Intent;
  const intent = model.intentStrength === 0 ? (INTENTS[1] as Intent) : drawn;
  const [medium, source] = intent.arrivals[Math.floor(rand() * intent.arrivals.length)] as [string, string];
  const desktop = rand() < intent.desktop;
  const device = desktop ? "desktop" : rand() < 0.9 ? "mobile" : "tablet";
  // Schedule: sessions keep coming after the data ends (the truth follows users past it).
  const count =
    o.sessionsPerUser ?? Math.min(MAX_SESSIONS, 1 + geometric(rand, Math.max(0, intent.sessions - 1)));
  const starts: number[] = [];
  let t = start + Math.floor(rand() * (end - start - HOUR_MS));
  for (let s = 0; s < count; s++) {
    starts.push(t);
    t += 2 * HOUR_MS + Math.floor(-Math.log(1 - rand()) * 2 * DAY_MS);
  }
  // Which micro goals happen in which session (first time only), and when each session ends.
  const firstSession = new Int32Array(nMi).fill(-1);
  const microTime = new Float64Array(nMi).fill(Number.NaN);
  const slot: number[][] = []; // session → macro j → conversion time (ms)
  const sessionEvents: { at: number; name: string; page: string; engaged?: number; value?: number }[][] = [];
  for (let s = 0; s < count; s++) {
    let clock = starts[s] as number;
    const evs: (typeof sessionEvents)[number] = [];
    const step = () => {
      clock += 1000 + Math.floor(rand() * 60_000);
      return clock;
    };
    const landing = intent.landing[Math.floor(rand() * intent.landing.length)] as string;
    evs.push({ at: step(), name: "session_start", page: landing });
    const pages = 1 + geometric(rand, intent.pages - 1);
    for (let p = 0; p < pages; p++) {
      const page = p === 0 ? landing : (intent.landing[Math.floor(rand() * intent.landing.length)] as string);
      evs.push({
        at: step(),
        name: "page_view",
        page,
        engaged: Math.round(-Math.log(1 - rand()) * intent.dwell * 1000),
      });
    }
    for (let i = 0; i < nMi; i++) {
      if (firstSession[i] !== -1) continue;
      if (rand() < microProbability(model, i, intent.level, desktop, s)) {
        const m = model.micros[i]!;
        firstSession[i] = s;
        evs.push({ at: step(), name: "page_view", page: m.pagePath, engaged: 5000 });
        microTime[i] = step();
        evs.push({ at: microTime[i] as number, name: m.event, page: m.pagePath });
      }
    }
    slot.push(model.macros.map(() => step()));
    sessionEvents.push(evs);
  }
  // Conversions at the end of each session, from the micro goals done by then.
  const done = new Uint8Array(nMi);
  const convertedAt = new Float64Array(nMa).fill(Number.NaN);
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < nMi; i++) if (firstSession[i] === s) done[i] = 1;
    for (let j = 0; j < nMa; j++) {
      if (!Number.isNaN(convertedAt[j] as number)) continue;
      if (rand() < sessionConversion(model, j, intent, desktop, done)) {
        convertedAt[j] = (slot[s] as number[])[j] as number;
        const M = model.macros[j]!;
        (sessionEvents[s] as (typeof sessionEvents)[number]).push(
          { at: (convertedAt[j] as number) - 1, name: "page_view", page: M.pagePath },
          { at: convertedAt[j] as number, name: M.event, page: M.pagePath, value: M.value ?? 0 },
        );
      }
    }
  }
  // Emit what falls inside the data.
  const firstTouch = (starts[0] as number) * 1000;
  sessionEvents.forEach((evs, s) => {
    const sessionId = Math.floor((starts[s] as number) / 1000);
    for (const e of evs) {
      if (e.at >= end) continue;
      const params: Record<string, string | number> = {};
      if (e.engaged !== undefined) params.engagement_time_msec = e.engaged;
      // The session's traffic source, as GA4 collects it from a tagged landing URL (direct: none).
      if (e.name === "session_start" && source !== "(direct)") {
        params.source = source;
        params.medium = medium;
      }
      if (e.value !== undefined) {
        params.value = e.value;
        params.currency = "EUR";
      }
      sink.events.push({
        propertyId,
        userId,
        sessionId,
        timestampMicros: e.at * 1000,
        eventName: e.name,
        pagePath: e.page,
        sessionSource: source,
        params,
        device,
        medium,
        source,
        firstTouchMicros: firstTouch,
        // The same user-level values in the emulator's store as in the export rows.
        traffic: { deviceCategory: device, firstUserSource: source, firstUserMedium: medium },
      });
    }
  });
  // Truth for each pair.
  const H = model.windowSeconds * 1000;
  for (let i = 0; i < nMi; i++) {
    const k = firstSession[i] as number;
    const fm = microTime[i] as number;
    const inData = k >= 0 && fm < end;
    for (let j = 0; j < nMa; j++) {
      const c = i * nMa + j;
      const fM = convertedAt[j] as number;
      const fMin = fM < end;
      // crude, as the report counts it on the emitted events
      if (inData) {
        sink.crude[4 * c] = (sink.crude[4 * c] as number) + 1;
        if (fMin && fM > fm && fM <= fm + H) sink.crude[4 * c + 1] = (sink.crude[4 * c + 1] as number) + 1;
      } else {
        sink.crude[4 * c + 2] = (sink.crude[4 * c + 2] as number) + 1;
        if (fMin) sink.crude[4 * c + 3] = (sink.crude[4 * c + 3] as number) + 1;
      }
      // causal: doers who had not converted before that session
      if (!inData || fM < (starts[k] as number)) continue;
      sink.doers[c] = (sink.doers[c] as number) + 1;
      const { factual, counterfactual } = conversionChances(
        model,
        intent,
        desktop,
        firstSession,
        i,
        j,
        k,
        fm,
        slot,
        H,
      );
      sink.sums[2 * c] = (sink.sums[2 * c] as number) + factual;
      sink.sums[2 * c + 1] = (sink.sums[2 * c + 1] as number) + counterfactual;
    }
  }
}

/**
 * P(converting to macro j within H of doing micro i at session k), as it happened and had the user
 * not done it then (they may do it in a later session, with its propensity).
 */
function conversionChances(
  model: ConfoundedModel,
  intent: Intent,
  desktop: boolean,
  firstSession: Int32Array,
  i: number,
  j: number,
  k: number,
  t0: number,
  slot: number[][],
  H: number,
): { factual: number; counterfactual: number } {
  const nMi = model.micros.length;
  const done = new Uint8Array(nMi);
  for (let x = 0; x < nMi; x++) if (firstSession[x] !== -1 && (firstSession[x] as number) < k) done[x] = 1;
  let survive = 1;
  let notYet = 1; // counterfactual: survived and has not done micro i yet
  let doneLater = 0; // counterfactual: survived and did micro i in a later session
  for (let s = k; s < slot.length; s++) {
    if (((slot[s] as number[])[j] as number) - t0 > H) break;
    for (let x = 0; x < nMi; x++) if (firstSession[x] === s) done[x] = 1;
    done[i] = 1;
    const pWith = sessionConversion(model, j, intent, desktop, done);
    done[i] = 0;
    const pWithout = sessionConversion(model, j, intent, desktop, done);
    survive *= 1 - pWith;
    if (s === k) notYet *= 1 - pWithout;
    else {
      const q = microProbability(model, i, intent.level, desktop, s);
      doneLater = (doneLater + notYet * q) * (1 - pWith);
      notYet = notYet * (1 - q) * (1 - pWithout);
    }
  }
  return { factual: 1 - survive, counterfactual: 1 - (notYet + doneLater) };
}

/** Draws from a geometric distribution on 0, 1, 2, … with the given mean. */
function geometric(rand: Random, mean: number): number {
  if (mean <= 0) return 0;
  const p = 1 / (1 + mean);
  return Math.floor(Math.log(1 - rand()) / Math.log(1 - p));
}
