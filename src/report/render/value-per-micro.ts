// Value per micro conversion and φ as every human format shows them. A value is printed only where
// the difference is significant: for the other pairs the interval of the difference includes zero,
// and "−3.23 EUR" would read as a measured loss. The JSON keeps the figure with `significant` beside it.
import type { PairAnalysis } from "../analysis.js";
import { money } from "./figures.js";

/** What the value cell says for a pair without a significant difference. */
export const NOT_SIGNIFICANT = "n.s.";

export function valuePerMicroCell(p: PairAnalysis, currency: string): string {
  if (p.valuePerMicro === null) return "—";
  return p.significant ? money(p.valuePerMicro, currency) : NOT_SIGNIFICANT;
}

export const VALUE_EXPLANATION =
  "value / micro = (rate after micro − baseline) × macro value, shown only where the difference is significant (n.s.: it could be zero); an association, not causation";

export const PHI_EXPLANATION =
  "φ (phi) = the correlation between doing the micro goal and converting, from −1 to +1 (0: none; about 0.1 weak, 0.3 moderate, 0.5 strong); it stays small when conversions are rare, even for a large lift";
