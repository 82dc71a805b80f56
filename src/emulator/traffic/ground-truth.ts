// The truth the generator used, computed exactly from the model (not estimated from events):
// for each (micro, macro) pair, P(macro | user did micro before) and P(macro | user did not).
// Micro goals are independent given their funnel prerequisite, so the exact value is a sum
// over the joint states of the micro goals that matter for that macro.

import { conversionProbability, type TrafficModel } from "./traffic-model.js";

export interface PairTruth {
  micro: string;
  macro: string;
  /** multiplier the generator applied to P(macro) when the micro goal happened */
  effect: number;
  pMacroGivenMicro: number;
  pMacroGivenNotMicro: number;
}

export interface ObservedPair {
  microUsers: number;
  microThenMacroUsers: number;
  noMicroUsers: number;
  noMicroMacroUsers: number;
}

export interface GroundTruth {
  seed: number;
  propertyId: string;
  startDate: string;
  days: number;
  users: number;
  micro: { id: string; event: string; rate: number; prerequisite?: string; pMicro: number }[];
  macro: { id: string; event: string; rate: number }[];
  pairs: PairTruth[];
  /** filled while the events are generated: realised counts per goal and pair */
  observed: { events: number; goalUsers: Record<string, number>; pairs: Record<string, ObservedPair> };
}

const MAX_RELEVANT = 20;

export function expectedTruth(model: TrafficModel): Pick<GroundTruth, "micro" | "macro" | "pairs"> {
  const pMicro = model.micros.map((_, i) => marginal(model, i));
  const pairs: PairTruth[] = [];
  for (const [i, mi] of model.micros.entries()) {
    for (const [j, ma] of model.macros.entries()) {
      const { given, notGiven } = conditional(model, i, j);
      pairs.push({
        micro: mi.id,
        macro: ma.id,
        effect: (model.effect[i] as number[])[j] as number,
        pMacroGivenMicro: given,
        pMacroGivenNotMicro: notGiven,
      });
    }
  }
  return {
    micro: model.micros.map((m, i) => ({
      id: m.id,
      event: m.event,
      rate: m.rate,
      ...(m.prerequisite >= 0 ? { prerequisite: model.micros[m.prerequisite]?.id } : {}),
      pMicro: pMicro[i] as number,
    })),
    macro: model.macros.map((m) => ({ id: m.id, event: m.event, rate: m.rate })),
    pairs,
  };
}

/** P(micro i happens) = product of rates along its prerequisite chain. */
function marginal(model: TrafficModel, i: number): number {
  let p = 1;
  for (let k = i, guard = 0; k >= 0 && guard <= model.micros.length; guard++) {
    const m = model.micros[k];
    if (!m) break;
    p *= m.rate;
    k = m.prerequisite;
  }
  return p;
}

function closure(model: TrafficModel, seeds: number[]): number[] {
  const set = new Set<number>();
  const add = (i: number) => {
    while (i >= 0 && !set.has(i)) {
      set.add(i);
      i = model.micros[i]?.prerequisite ?? -1;
    }
  };
  for (const s of seeds) add(s);
  return [...set].sort((a, b) => a - b);
}

function conditional(model: TrafficModel, micro: number, macro: number): { given: number; notGiven: number } {
  const effective = model.micros.map((_, i) => i).filter((i) => (model.effect[i] as number[])[macro] !== 1);
  const relevant = closure(model, [micro, ...effective]);
  if (relevant.length > MAX_RELEVANT)
    throw new Error(`too many micro goals (${relevant.length}) affect one macro goal for exact ground truth`);
  const done = new Uint8Array(model.micros.length);
  let pWith = 0;
  let convWith = 0;
  let pWithout = 0;
  let convWithout = 0;
  for (let mask = 0; mask < 1 << relevant.length; mask++) {
    done.fill(0);
    for (const [b, i] of relevant.entries()) done[i] = (mask >> b) & 1;
    let p = 1;
    for (const i of relevant) {
      const m = model.micros[i];
      if (!m) continue;
      const allowed = m.prerequisite < 0 || done[m.prerequisite] === 1;
      p *= allowed ? (done[i] ? m.rate : 1 - m.rate) : done[i] ? 0 : 1;
    }
    if (p === 0) continue;
    const c = conversionProbability(model, macro, done);
    if (done[micro]) {
      pWith += p;
      convWith += p * c;
    } else {
      pWithout += p;
      convWithout += p * c;
    }
  }
  return { given: pWith > 0 ? convWith / pWith : 0, notGiven: pWithout > 0 ? convWithout / pWithout : 0 };
}
