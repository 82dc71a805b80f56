// The early verdict's backtest (pure): learn on a mature period, predict a later one from its
// first k days, compare with what the segments really converted by its end. Mean absolute error
// over segments with at least minUsers members, for the model and for the naive predictor (the
// segment's own rate so far).
import { dayNumber, learn, type MemberTimeline, predict, type SegmentPrediction } from "./predict.js";

export interface BacktestOptions {
  /** YYYYMMDD */
  trainStart: string;
  predictStart: string;
  /** length of both periods, in days */
  days: number;
  observedDays: number[];
  macroId: string;
  microIds: string[];
  minUsers: number;
}

export interface BacktestResult {
  observedDays: number;
  segments: number;
  modelError: number;
  naiveError: number;
  predictions: SegmentPrediction[];
}

export function backtest(members: MemberTimeline[], o: BacktestOptions): BacktestResult[] {
  const t0 = dayNumber(o.trainStart);
  const p0 = dayNumber(o.predictStart);
  return o.observedDays.map((k) => {
    const model = learn(members, { start: t0, cutoff: t0 + k, end: t0 + o.days }, o.macroId, o.microIds);
    const predictions = predict(members, model, { start: p0, cutoff: p0 + k, end: p0 + o.days }, true).filter(
      (s) => s.users >= o.minUsers,
    );
    const mae = (f: (s: SegmentPrediction) => number) =>
      predictions.reduce((sum, s) => sum + Math.abs(f(s) - (s.actual?.rate ?? 0)), 0) /
      Math.max(1, predictions.length);
    return {
      observedDays: k,
      segments: predictions.length,
      modelError: mae((s) => s.predicted.rate),
      naiveError: mae((s) => s.soFar.rate ?? 0),
      predictions,
    };
  });
}
