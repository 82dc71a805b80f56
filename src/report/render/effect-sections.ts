// The adjusted effects and the milestone steps as formatted cells, shared by every human format so
// each shows crude and adjusted side by side and the same step notes.
import type { AdjustedEffect, Analysis, PairAnalysis } from "../analysis.js";
import { count, duration, liftFigure, pct, signedPct } from "./figures.js";

/** Whether any pair has an adjusted effect (the export sources; Data API stratification). */
export function hasAdjusted(a: Analysis): boolean {
  return a.pairs.some((p) => p.adjusted !== undefined);
}

/** "+25% [+10%, +42%]", or the status when there is no number ("cannot adjust: 37 comparable users"). */
export function adjustedFigure(e: AdjustedEffect | undefined): string {
  if (!e) return "—";
  const l = e.lift;
  if (l.relative === null || l.low === null || l.high === null) return e.status;
  return liftFigure({ relative: l.relative, low: l.low, high: l.high, corrected: false, zeroCell: null });
}

/** "E 2.1 (bound 1.4)": how strong unmeasured confounding must be to explain it away. */
export function eValueText(e: AdjustedEffect | undefined): string {
  if (!e || e.eValue.point === null) return "—";
  const b = e.eValue.bound;
  return `${e.eValue.point.toFixed(2)}${b === null ? "" : ` (bound ${b.toFixed(2)})`}`;
}

/** Crude figure for the side-by-side cell. */
export function crudeFigure(p: PairAnalysis): string {
  return p.lift ? liftFigure(p.lift) : "—";
}

export const adjustedExplanation =
  "Adjusted = the effect on users who did the micro goal, against comparable users who at the same point of their journey (same history of sessions, page views, events, engaged time, days since first visit, device, first medium and source, landing page) had not done it yet; risk ratio − 1 at the window, 95% interval from a user-clustered bootstrap; assumes no unmeasured confounding; E = E-value (docs/effects.md).";

/** The Data API path's stratified adjustment (sources/data-api/strata-effects.ts), in words. */
const stratifiedExplanation =
  "Adjusted = the effect on users who did the micro goal, against users in the same stratum (device category × new vs returning × first-user default channel group) who had not; Mantel–Haenszel risk ratio − 1 at the window, 95% interval from the Greenland–Robins variance; assumes no confounding beyond these strata; E = E-value (docs/effects.md).";

/**
 * The explanation that fits the report's adjustment, told by its method: the export's adjustment
 * lists what it cannot adjust for too (unmeasured confounding), so that list does not tell them apart.
 */
export function adjustedExplanationOf(a: Analysis): string {
  const first = a.pairs.find((p) => p.adjusted)?.adjusted;
  return first?.method.startsWith("Mantel–Haenszel") ? stratifiedExplanation : adjustedExplanation;
}

export interface StepRow {
  pair: string;
  note: string;
  hint: string | null;
}

/** Milestone pairs left out of the ranking, as steps. */
export function stepRows(a: Analysis): StepRow[] {
  return a.milestones.map((i) => {
    const p = a.pairs[i] as PairAnalysis;
    const share =
      p.shareOfConverters === null ? "" : `${pct(p.shareOfConverters)} of converters did it first`;
    return {
      pair: `${p.microId} → ${p.macroId}`,
      note: p.stepNote ?? (share || "no data"),
      hint: p.hint,
    };
  });
}

export const stepsHeading = "Steps on the path (milestones)";
export const stepsExplanation =
  "Milestones are steps every converter passes, not drivers: they are not ranked (--include-milestones ranks them too).";

/** One line per incidence point: "1d 4.2% vs 1.3%". */
export function incidenceText(e: AdjustedEffect | undefined): string {
  if (!e) return "";
  return e.incidence
    .filter((x) => x.doers !== null && x.comparison !== null)
    .map((x) => `${x.days}d ${pct(x.doers)} vs ${pct(x.comparison)}`)
    .join(", ");
}

export function adjustedDetail(e: AdjustedEffect): string {
  const parts = [`n=${count(e.n)}`];
  if (e.overlap !== null) parts.push(`overlap ${pct(e.overlap, 0)}`);
  parts.push(`horizon ${duration(Math.round(e.horizonSeconds))}`);
  return parts.join(", ");
}

export { signedPct };
