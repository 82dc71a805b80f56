// The words every format uses for a funnel's through-funnel conversion (src/report/funnel-through.ts),
// so none of them prints last ÷ first users of an open funnel as its conversion.
import type { FunnelAnalysis, FunnelStepAnalysis } from "../analysis.js";
import { count, pct, rate } from "./figures.js";

export const THROUGH_COLUMN = "through from first step";

/** A step's through-funnel share: "6.4%", "≈6.4%" when estimated, "—" when unknown. */
export function throughCell(s: Pick<FunnelStepAnalysis, "throughConversion">): string {
  const t = s.throughConversion;
  if (t === null || t.rate === null) return "—";
  return t.low === null ? `≈${pct(t.rate)}` : pct(t.rate);
}

/** "through the funnel: 6.4% [5.7%–7.2%] n=4,122 — 262 of 4,122 first-step users went through every step" */
export function throughSentence(f: FunnelAnalysis): string {
  const t = f.throughConversion;
  if (t === null || t.rate === null)
    return "through the funnel: unknown (the source does not say who went on from each step)";
  const first = count(t.n);
  if (f.throughEstimated)
    return `through the funnel: ≈${pct(t.rate)} — about ${count(t.x)} of ${first} first-step users went through every step (estimated from the step conversions: users who entered at a later step are assumed to go on like the others)`;
  return `through the funnel: ${rate(t)} — ${count(t.x)} of ${first} first-step users went through every step`;
}

/**
 * Open funnels only, when the last step counts users who did not come through: why last ÷ first is
 * not the conversion. "" otherwise.
 */
export function openFunnelNote(f: FunnelAnalysis): string {
  const last = f.steps.at(-1);
  const t = f.throughConversion;
  if (!f.open || !last || f.steps.length < 2 || t === null || last.users <= t.x) return "";
  const others = last.users - t.x;
  return `${f.throughEstimated ? "about " : ""}${count(others)} of the last step's ${count(last.users)} users did not come through every step (an open funnel: they entered later), so last ÷ first step (${count(last.users)} ÷ ${count(f.steps[0].users)} = ${pct(f.overallConversion.rate)}) is not the funnel's conversion`;
}
