// The causal model behind synthetic traffic, derived from a project: which micro goals exist,
// how likely each is, which funnel step must precede it, and how each micro goal multiplies the
// conversion probability of each macro goal. Plain data; generation and ground truth read it.

import type { Goal, Project } from "../../project/model.js";

export interface TrafficOptions {
  seed: number;
  /** first day, YYYY-MM-DD (UTC) */
  startDate: string;
  days: number;
  users: number;
  /** micro id → macro id → multiplier on P(macro); 1 = no effect. Default: cycles 2, 1, 1.5 over leads_to pairs. */
  effects?: Record<string, Record<string, number>>;
  /** micro: P(user does it | funnel predecessor done); macro: P(convert | no effective micro). */
  baseRates?: Record<string, number>;
  /** mean sessions per user (default 2) */
  sessionsPerUser?: number;
  /** GA4 property the events belong to; default the project's default target */
  propertyId?: string;
}

export interface MicroModel {
  id: string;
  event: string;
  rate: number;
  /** index of the micro goal that must happen first (previous funnel step), or -1 */
  prerequisite: number;
  /** prerequisite chain length; actions are ordered by it so funnel steps stay in order */
  depth: number;
  pagePath: string;
}

export interface MacroModel {
  id: string;
  event: string;
  rate: number;
  value?: number;
  currency: string;
  pagePath: string;
}

export interface TrafficModel {
  micros: MicroModel[];
  macros: MacroModel[];
  /** effect[micro][macro] */
  effect: number[][];
}

const DEFAULT_EFFECTS = [2, 1, 1.5];
const DEFAULT_MICRO_RATE = 0.2;
const DEFAULT_MACRO_RATE = 0.03;

export function buildModel(project: Project, options: TrafficOptions): TrafficModel {
  const microGoals = project.goals.filter((g) => g.kind === "micro");
  const macroGoals = project.goals.filter((g) => g.kind === "macro");
  const microIndex = new Map(microGoals.map((g, i) => [g.id, i]));
  const prerequisite = microGoals.map((g) => {
    for (const f of project.funnels) {
      const at = f.steps.indexOf(g.id);
      if (at > 0) return microIndex.get(f.steps[at - 1] as string) ?? -1;
    }
    return -1;
  });
  const depthOf = (i: number, seen = 0): number => {
    const p = prerequisite[i] as number;
    return p < 0 || seen > microGoals.length ? 0 : 1 + depthOf(p, seen + 1);
  };
  const rate = (g: Goal, fallback: number) => {
    const r = options.baseRates?.[g.id] ?? fallback;
    if (!(r >= 0 && r <= 1)) throw new Error(`base rate of ${g.id} must be within [0, 1], got ${r}`);
    return r;
  };
  let pair = 0;
  const effect = microGoals.map((m) =>
    macroGoals.map((M) => {
      const given = options.effects?.[m.id]?.[M.id];
      if (given !== undefined) return given;
      return m.leadsTo.includes(M.id) ? (DEFAULT_EFFECTS[pair++ % DEFAULT_EFFECTS.length] as number) : 1;
    }),
  );
  return {
    micros: microGoals.map((g, i) => ({
      id: g.id,
      event: g.event,
      rate: rate(g, DEFAULT_MICRO_RATE),
      prerequisite: prerequisite[i] as number,
      depth: depthOf(i),
      pagePath: pagePathOf(g),
    })),
    macros: macroGoals.map((g) => ({
      id: g.id,
      event: g.event,
      rate: rate(g, DEFAULT_MACRO_RATE),
      value: g.value ?? g.keyEvent?.value,
      currency: g.keyEvent?.currency ?? project.report.currency,
      pagePath: pagePathOf(g),
    })),
    effect,
  };
}

/** A page where the goal plausibly happens: its page_path condition when it has one. */
function pagePathOf(g: Goal): string {
  for (const c of g.trigger.conditions) {
    if ("builtin" in c.subject && c.subject.builtin === "page_path" && !c.negate) {
      if (c.op === "equals") return String(c.value);
      if (c.op === "starts_with") return `${c.value}overview`;
    }
  }
  return `/${g.id.replaceAll("_", "-")}`;
}

/** P(macro) for a user who did exactly the micro goals flagged in `done`. */
export function conversionProbability(model: TrafficModel, macro: number, done: ArrayLike<number>): number {
  let p = (model.macros[macro] as MacroModel).rate;
  for (let i = 0; i < model.micros.length; i++)
    if (done[i]) p *= (model.effect[i] as number[])[macro] as number;
  return Math.min(1, p);
}
