// `report --by … --predict`: the periods, their checks, and the prediction attached to the
// breakdown. The report's range is the period observed so far; the training period (default: the
// one just before it, as long as the range plus the report window) is observed the same number of
// days, then until its end, which is what "eventual" means: within the window after the range.
import { UsageError } from "../../errors.js";
import type { Project } from "../../project/model.js";
import type { Rate } from "../analysis.js";
import { dayNumber, learn, type MemberTimeline, predict } from "./predict.js";
import type { PredictionShape } from "./shape.js";

export interface PredictRequest {
  /** YYYY-MM-DD; default: the period before the report's range */
  trainSince?: string;
  trainUntil?: string;
}

export type PredictionAnalysis = PredictionShape<Rate>;

export interface PredictPeriods {
  since: string;
  until: string;
  trainSince: string;
  trainUntil: string;
  observedDays: number;
  horizonDays: number;
}

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const compact = (d: string) => d.replaceAll("-", "");

/** The periods of a prediction, or a usage error for overlapping or too-short training. */
export function predictPeriods(
  project: Project,
  since: string,
  until: string,
  req: PredictRequest,
): PredictPeriods {
  const s = dayNumber(compact(since));
  const u = dayNumber(compact(until));
  const observedDays = u - s + 1;
  const horizonDays = Math.max(1, Math.ceil(project.report.windowSeconds / 86_400));
  const ts = req.trainSince ? dayNumber(compact(req.trainSince)) : s - observedDays - horizonDays;
  const tu = req.trainUntil ? dayNumber(compact(req.trainUntil)) : s - 1;
  if (tu < ts) throw new UsageError(`--train-until ${iso(tu)} is before --train-since ${iso(ts)}`);
  if (tu >= s && ts <= u)
    throw new UsageError(
      `the training period ${iso(ts)}..${iso(tu)} overlaps the predicted one ${iso(s)}..${iso(u)}`,
      "train on a mature period before the one you predict",
    );
  if (tu - ts + 1 <= observedDays)
    throw new UsageError(
      `the training period (${tu - ts + 1} days) must be longer than the predicted one (${observedDays} days)`,
      "it is observed for as many days, then until its end",
    );
  return {
    since: iso(s),
    until: iso(u),
    trainSince: iso(ts),
    trainUntil: iso(tu),
    observedDays,
    horizonDays: tu - ts + 1 - observedDays,
  };
}

export function predictionOf(
  project: Project,
  members: MemberTimeline[],
  p: PredictPeriods,
): PredictionAnalysis {
  const macroId = project.goals.find((g) => g.kind === "macro")?.id;
  if (!macroId) throw new UsageError("--predict needs a macro goal in the project");
  const micros = project.goals.filter((g) => g.kind === "micro").map((g) => g.id);
  const t0 = dayNumber(compact(p.trainSince));
  const t1 = dayNumber(compact(p.trainUntil)) + 1;
  const model = learn(members, { start: t0, cutoff: t0 + p.observedDays, end: t1 }, macroId, micros);
  if (model.trainingUsers === 0)
    throw new UsageError(
      `no users in the training period ${p.trainSince}..${p.trainUntil} (first seen in its first ${p.observedDays} days)`,
      "pick --train-since/--train-until with data (export files cover those days?)",
    );
  const s0 = dayNumber(compact(p.since));
  const u1 = dayNumber(compact(p.until)) + 1;
  return {
    macroId,
    trainSince: p.trainSince,
    trainUntil: p.trainUntil,
    observedDays: p.observedDays,
    horizonDays: p.horizonDays,
    trainingUsers: model.trainingUsers,
    segments: predict(members, model, { start: s0, cutoff: u1, end: u1 }, false),
  };
}
