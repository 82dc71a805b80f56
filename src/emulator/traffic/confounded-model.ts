// A confounded traffic model: every user has a latent intent (browse, compare, buy) that drives how
// they arrive (first medium and source), their device, how often they come back, how many pages
// they view and how long they stay, and both how likely they are to do each micro goal and to
// convert. Each micro goal also has a known causal effect on each macro goal (a multiplier on the
// per-session conversion probability once it is done), and its own confounding strength (how much
// intent drives it). So a goal can look like a strong driver while doing nothing.
//
// Intent reaches the micro and macro propensities only through what a site can observe before the
// moment of exposure (first medium, device, sessions so far): the model satisfies the no-unmeasured-
// confounding assumption the adjusted estimator states (docs/effects.md), so the truth is
// recoverable and estimators can be checked against it.
import type { Project } from "../../project/model.js";
import { buildModel, type MacroModel, type MicroModel } from "./traffic-model.js";

export interface Intent {
  name: string;
  share: number;
  /** [medium, source] pairs this intent arrives through (disjoint between intents) */
  arrivals: [string, string][];
  desktop: number;
  /** mean sessions per user */
  sessions: number;
  /** mean page views per session */
  pages: number;
  /** mean engaged seconds per page view */
  dwell: number;
  landing: string[];
  /** per-session conversion probability before any micro goal's effect (desktop; mobile × 0.7) */
  convert: number;
  /** centred intent level: −1, 0, +1 (scales each micro goal's confounding) */
  level: number;
}

export const INTENTS: Intent[] = [
  {
    name: "browse",
    share: 0.5,
    arrivals: [
      ["social", "facebook"],
      ["referral", "blog.example.org"],
    ],
    desktop: 0.35,
    sessions: 1.5,
    pages: 2,
    dwell: 15,
    landing: ["/blog/trail-guide", "/about", "/"],
    convert: 0.006,
    level: -1,
  },
  {
    name: "compare",
    share: 0.33,
    arrivals: [
      ["organic", "google"],
      ["organic", "bing"],
    ],
    desktop: 0.55,
    sessions: 2.2,
    pages: 3.5,
    dwell: 30,
    landing: ["/", "/products"],
    convert: 0.02,
    level: 0,
  },
  {
    name: "buy",
    share: 0.17,
    arrivals: [
      ["cpc", "google"],
      ["email", "newsletter"],
      ["(none)", "(direct)"],
    ],
    desktop: 0.7,
    sessions: 3,
    pages: 5,
    dwell: 45,
    landing: ["/products", "/"],
    convert: 0.06,
    level: 1,
  },
];

export interface ConfoundedOptions {
  seed: number;
  /** first day, YYYY-MM-DD (UTC) */
  startDate: string;
  days: number;
  users: number;
  /** micro id → macro id → causal multiplier on P(convert per session); default: profiles below */
  effects?: Record<string, Record<string, number>>;
  /** micro id → log-odds added per intent level (0 = unconfounded); default: profiles below */
  confounding?: Record<string, number>;
  /** micro id → P(doing it in a session) for a "compare" user on mobile in their first session */
  microRates?: Record<string, number>;
  /** 0: intent (and device) drive nothing: everyone behaves like a "compare" user; default 1 */
  intentStrength?: number;
  /** sessions per user: fixed instead of drawn (1 removes time-at-risk confounding) */
  sessionsPerUser?: number;
  /** follow-up window of the truth's effects (default the project's report window) */
  windowSeconds?: number;
  propertyId?: string;
}

/**
 * Default profiles, cycled over the micro goals in spec order: a strong confounded driver, a
 * strongly confounded goal with exactly no effect, an unconfounded driver, an unconfounded no-op.
 */
export const PROFILES = [
  { effect: 2, confounding: 1 },
  { effect: 1, confounding: 1.5 },
  { effect: 1.6, confounding: 0 },
  { effect: 1, confounding: 0 },
] as const;

export interface ConfoundedModel {
  micros: MicroModel[];
  macros: MacroModel[];
  /** effect[micro][macro] */
  effect: number[][];
  confounding: number[];
  /** log-odds of doing each micro goal in a session, at level 0, mobile, first session */
  microLogit: number[];
  intentStrength: number;
  windowSeconds: number;
}

export function buildConfoundedModel(project: Project, o: ConfoundedOptions): ConfoundedModel {
  const base = buildModel(project, { seed: o.seed, startDate: o.startDate, days: o.days, users: o.users });
  const effect = base.micros.map((m, i) =>
    base.macros.map((M) => {
      const given = o.effects?.[m.id]?.[M.id];
      if (given !== undefined) return given;
      const leads = project.goals.find((g) => g.id === m.id)?.leadsTo ?? [];
      return leads.includes(M.id) ? PROFILES[i % PROFILES.length]!.effect : 1;
    }),
  );
  const confounding = base.micros.map(
    (m, i) => o.confounding?.[m.id] ?? PROFILES[i % PROFILES.length]!.confounding,
  );
  const microLogit = base.micros.map((m) => {
    const r = o.microRates?.[m.id] ?? 0.06;
    if (!(r > 0 && r < 1)) throw new Error(`micro rate of ${m.id} must be within (0, 1), got ${r}`);
    return Math.log(r / (1 - r));
  });
  return {
    micros: base.micros,
    macros: base.macros,
    effect,
    confounding,
    microLogit,
    intentStrength: o.intentStrength ?? 1,
    windowSeconds: o.windowSeconds ?? project.report.windowSeconds,
  };
}

/** P(doing micro i in a session) for a user at intent `level`, on desktop or not, after `before` sessions. */
export function microProbability(
  m: ConfoundedModel,
  i: number,
  level: number,
  desktop: boolean,
  before: number,
): number {
  const x =
    (m.microLogit[i] as number) +
    (m.confounding[i] as number) * level * m.intentStrength +
    (desktop ? 0.3 * m.intentStrength : 0) +
    0.2 * Math.min(before, 3);
  return 1 / (1 + Math.exp(-x));
}

/** P(converting to macro j at the end of a session) with the micro goals flagged in `done`. */
export function sessionConversion(
  m: ConfoundedModel,
  j: number,
  intent: Intent,
  desktop: boolean,
  done: ArrayLike<number>,
): number {
  let p = intent.convert * (desktop ? 1 : 1 - 0.3 * m.intentStrength);
  for (let i = 0; i < m.micros.length; i++) if (done[i]) p *= (m.effect[i] as number[])[j] as number;
  return Math.min(0.95, p);
}
