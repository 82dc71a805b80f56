// The one-sentence headline every format leads with: the strongest secondary actions, by their
// adjusted effect when the source gave one, else by the crude lift (then said to be an association).
import type { Analysis, PairAnalysis } from "../analysis.js";
import { adjustedFigure } from "./effect-sections.js";
import { liftIsUp, liftPoint, zeroCellNote } from "./figures.js";

export function headlinePairs(a: Analysis): { pair: PairAnalysis; adjusted: boolean }[] {
  const ranked = a.ranking.map((i) => a.pairs[i] as PairAnalysis).filter((p) => p.status === "ok");
  const adjusted = ranked.filter((p) => p.adjusted?.status === "ok" && p.adjusted.significant);
  const up = adjusted.filter((p) => (p.adjusted?.lift.relative ?? 0) > 0);
  if (ranked.some((p) => p.adjusted)) return up.slice(0, 3).map((pair) => ({ pair, adjusted: true }));
  return ranked
    .filter((p) => p.significant && liftIsUp(p.lift))
    .slice(0, 3)
    .map((pair) => ({ pair, adjusted: false }));
}

/** "Strongest adjusted effects of secondary actions: …"; null when there is nothing to say. */
export function headlineText(
  a: Analysis,
  title = (p: PairAnalysis) => `${p.microTitle} → ${p.macroTitle}`,
): string | null {
  const top = headlinePairs(a);
  const kind = a.includeMilestones ? "micro goals" : "secondary actions";
  if (top.length === 0) {
    if (a.pairs.some((p) => p.adjusted)) return `No secondary action has a significant adjusted effect.`;
    return null;
  }
  const items = top.map(({ pair, adjusted }) => {
    if (adjusted) return `${title(pair)} (${adjustedFigure(pair.adjusted).split(" [")[0]} adjusted)`;
    const note = zeroCellNote(pair);
    return `${title(pair)} (${liftPoint(pair.lift!)}${note ? ` — ${note}` : ""})`;
  });
  // Without adjustment the figures are associations (the caveat lines say so).
  return top[0]!.adjusted
    ? `Strongest adjusted effects of ${kind}: ${items.join("; ")}.`
    : `Strongest: ${items.join("; ")}.`;
}
