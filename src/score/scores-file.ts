// The scores file and the printed calibration: plain text from a fitted model. No personal data:
// the user column is GA's pseudonymous id (or your own user_id), the rest are numbers and goal ids.
import type { LeadScoreModel } from "./lead-score.js";
import { topReasons } from "./lead-score.js";
import { predict } from "./logistic-regression.js";

export interface OpenLead {
  user: string;
  features: number[];
}

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function scoresCsv(m: LeadScoreModel, leads: OpenLead[]): string {
  const lines = ["user_id,score,reason_1,reason_2,reason_3"];
  const scored = leads
    .map((l) => ({ l, p: predict(m.model, l.features) }))
    .sort((a, b) => b.p - a.p || (a.l.user < b.l.user ? -1 : 1));
  for (const { l, p } of scored) {
    const reasons = topReasons(m, l.features);
    lines.push([csvField(l.user), p.toFixed(6), ...[0, 1, 2].map((i) => reasons[i] ?? "")].join(","));
  }
  return `${lines.join("\n")}\n`;
}

export function calibrationText(m: LeadScoreModel, macroId: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const rows = m.calibration.map(
    (d) =>
      `  ${String(d.decile).padStart(2)}  ${String(Math.round(d.users)).padStart(8)}  ${pct(d.predicted).padStart(9)}  ${pct(d.observed).padStart(9)}  [${pct(d.low)}, ${pct(d.high)}]`,
  );
  return [
    `${macroId}: fit on ${m.fitUsers} users, judged on ${m.heldOutUsers} held-out users; AUC ${m.auc.toFixed(3)}`,
    "  decile     users  predicted   observed  observed 95% interval",
    ...rows,
    "",
  ].join("\n");
}

export function calibrationJson(m: LeadScoreModel, macroId: string): object {
  return {
    macro: macroId,
    fitUsers: m.fitUsers,
    heldOutUsers: m.heldOutUsers,
    auc: m.auc,
    calibration: m.calibration,
    model: {
      intercept: m.model.intercept,
      weights: Object.fromEntries(m.microGoals.map((g, i) => [g, m.model.weights[i]])),
    },
  };
}
