// Early verdict on a segment (`report --by … --predict`): each segment's eventual macro conversion
// rate, estimated from the micro goals its users have done so far.
//
// Model. A member's history at the cutoff is the set of micro goals they have done (their
// signature). On a mature training period observed the same way (the same number of days so far,
// then the rest of the period), p(signature) = P(macro by the period's end | not converted at the
// cutoff, signature), shrunk towards the overall rate with a pseudo-count of SHRINK members so rare
// signatures borrow strength. A segment's prediction is (converted so far + Σ p(signature) over its
// members not yet converted) / members, with a normal interval whose variance adds each member's
// Bernoulli outcome p(1 − p) and each signature's estimation variance p(1 − p)/(n + SHRINK).
// Days are event_date calendar days (day numbers since 1970-01-01); a cohort is the members whose
// first event in the queried span falls on the first `k` days of the period.
import type { Rate } from "../analysis.js";
import { rateOf } from "../analyze.js";
import { zCritical } from "../stats/normal.js";
import { label } from "./analyze-breakdown.js";
import type { SegmentPredictionShape } from "./shape.js";

export const SHRINK = 10;

export interface MemberTimeline {
  values: string[];
  /** day number of the member's first event */
  firstDay: number;
  /** goal id → day number of its first event */
  goals: Map<string, number>;
}

/** Day numbers: the cohort joins on [start, cutoff); outcomes count until `end` (exclusive). */
export interface PredictWindow {
  start: number;
  cutoff: number;
  end: number;
}

export interface PredictModel {
  macroId: string;
  microIds: string[];
  /** members of the training cohort, and those not converted at its cutoff */
  trainingUsers: number;
  trainingUnconverted: number;
  overall: number;
  signatures: Map<string, { n: number; x: number }>;
}

export type SegmentPrediction = SegmentPredictionShape<Rate>;

const signatureOf = (m: MemberTimeline, micros: string[], cutoff: number) =>
  micros.filter((id) => (m.goals.get(id) ?? Number.POSITIVE_INFINITY) < cutoff).join(",");

const cohort = (members: MemberTimeline[], w: PredictWindow) =>
  members.filter((m) => m.firstDay >= w.start && m.firstDay < w.cutoff);

const convertedBy = (m: MemberTimeline, macroId: string, day: number) =>
  (m.goals.get(macroId) ?? Number.POSITIVE_INFINITY) < day;

export function learn(
  members: MemberTimeline[],
  train: PredictWindow,
  macroId: string,
  microIds: string[],
): PredictModel {
  const users = cohort(members, train);
  const open = users.filter((m) => !convertedBy(m, macroId, train.cutoff));
  const signatures = new Map<string, { n: number; x: number }>();
  let converted = 0;
  for (const m of open) {
    const sig = signatureOf(m, microIds, train.cutoff);
    const s = signatures.get(sig) ?? { n: 0, x: 0 };
    signatures.set(sig, s);
    s.n++;
    if (convertedBy(m, macroId, train.end)) {
      s.x++;
      converted++;
    }
  }
  return {
    macroId,
    microIds,
    trainingUsers: users.length,
    trainingUnconverted: open.length,
    overall: open.length === 0 ? 0 : converted / open.length,
    signatures,
  };
}

/** p(signature) and its estimation variance. */
export function signatureRate(model: PredictModel, sig: string): { p: number; variance: number } {
  const s = model.signatures.get(sig) ?? { n: 0, x: 0 };
  const p = (s.x + SHRINK * model.overall) / (s.n + SHRINK);
  return { p, variance: (p * (1 - p)) / (s.n + SHRINK) };
}

export function predict(
  members: MemberTimeline[],
  model: PredictModel,
  w: PredictWindow,
  hasOutcome: boolean,
  confidence = 0.95,
): SegmentPrediction[] {
  const bySegment = new Map<string, MemberTimeline[]>();
  for (const m of cohort(members, w)) {
    const key = label(m.values);
    bySegment.set(key, [...(bySegment.get(key) ?? []), m]);
  }
  const z = zCritical(confidence);
  return [...bySegment]
    .map(([value, ms]) => {
      const n = ms.length;
      let soFar = 0;
      let expected = 0;
      let outcomeVar = 0;
      const perSig = new Map<string, number>();
      for (const m of ms) {
        if (convertedBy(m, model.macroId, w.cutoff)) {
          soFar++;
          continue;
        }
        const sig = signatureOf(m, model.microIds, w.cutoff);
        const { p } = signatureRate(model, sig);
        expected += p;
        outcomeVar += p * (1 - p);
        perSig.set(sig, (perSig.get(sig) ?? 0) + 1);
      }
      let modelVar = 0;
      for (const [sig, k] of perSig) modelVar += k * k * signatureRate(model, sig).variance;
      const rate = (soFar + expected) / n;
      const half = (z * Math.sqrt(outcomeVar + modelVar)) / n;
      return {
        value,
        values: ms[0]?.values ?? [],
        users: n,
        soFar: rateOf(soFar, n),
        predicted: { rate, low: Math.max(soFar / n, rate - half), high: Math.min(1, rate + half) },
        actual: hasOutcome ? rateOf(ms.filter((m) => convertedBy(m, model.macroId, w.end)).length, n) : null,
      };
    })
    .sort((a, b) => b.users - a.users || a.value.localeCompare(b.value));
}

/** "20201101" → day number since 1970-01-01. */
export function dayNumber(yyyymmdd: string | number): number {
  const s = String(yyyymmdd);
  return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
}
