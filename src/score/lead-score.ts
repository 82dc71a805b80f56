// A lead score from micro-goal history: fit on the users outside the hold-out, judged on the
// users inside it (AUC, calibration by decile). Pure over pattern counts (history-sql.ts).
import { auc, type CalibrationRow, calibrationByDecile, type Scored } from "./evaluation.js";
import { fitLogistic, type LogisticModel, type Pattern, predict } from "./logistic-regression.js";

export interface HistoryRow {
  heldOut: boolean;
  converted: boolean;
  features: number[];
  users: number;
}

export interface LeadScoreModel {
  model: LogisticModel;
  microGoals: string[];
  fitUsers: number;
  heldOutUsers: number;
  auc: number;
  calibration: CalibrationRow[];
}

function patterns(rows: HistoryRow[]): Pattern[] {
  const byKey = new Map<string, Pattern>();
  for (const r of rows) {
    const key = r.features.join("");
    const p = byKey.get(key) ?? { features: r.features, users: 0, converted: 0 };
    p.users += r.users;
    if (r.converted) p.converted += r.users;
    byKey.set(key, p);
  }
  return [...byKey.values()];
}

export function fitLeadScore(rows: HistoryRow[], microGoals: string[], lambda = 1): LeadScoreModel {
  const fit = patterns(rows.filter((r) => !r.heldOut));
  const held = patterns(rows.filter((r) => r.heldOut));
  const model = fitLogistic(fit, microGoals.length, lambda);
  const scored: Scored[] = held.map((p) => ({
    score: predict(model, p.features),
    users: p.users,
    converted: p.converted,
  }));
  const sum = (ps: Pattern[]) => ps.reduce((s, p) => s + p.users, 0);
  return {
    model,
    microGoals,
    fitUsers: sum(fit),
    heldOutUsers: sum(held),
    auc: auc(scored),
    calibration: calibrationByDecile(scored),
  };
}

/** The micro goals that raise a user's score most (positive weights of goals they did), best first. */
export function topReasons(m: LeadScoreModel, features: number[], n = 3): string[] {
  return m.model.weights
    .map((w, j) => ({ w, j }))
    .filter(({ w, j }) => w > 0 && features[j] === 1)
    .sort((a, b) => b.w - a.w)
    .slice(0, n)
    .map(({ j }) => m.microGoals[j] as string);
}
