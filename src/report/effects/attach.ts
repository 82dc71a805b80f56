// Joins the adjusted effects a source computed (ReportInput.adjusted) onto the analysed pairs.
import type { PairAnalysis } from "../analysis.js";
import type { ReportInput } from "../model.js";

export function attachAdjusted(pairs: PairAnalysis[], input: ReportInput): void {
  if (!input.adjusted) return;
  const byPair = new Map(input.adjusted.map((a) => [`${a.microId}\u0000${a.macroId}`, a.effect]));
  for (const p of pairs) {
    const effect = byPair.get(`${p.microId}\u0000${p.macroId}`);
    if (effect) p.adjusted = effect;
  }
}
