// The demo's check against the generator's ground truth: for each strong built-in effect, the lift
// the traffic was generated with (exact, from the model) next to the lift the report measured, so a
// newcomer sees the report recover what was put in — or where its interval misses it.
import type { GroundTruth } from "../../emulator/traffic/ground-truth.js";
import type { Analysis } from "../../report/analysis.js";
import { liftFigure, signedPct } from "../../report/render/figures.js";

/** One line per pair whose generator effect is at least `minEffect` (×2 by default), truth order. */
export function truthVsMeasured(
  truth: Pick<GroundTruth, "pairs">,
  analysis: Pick<Analysis, "pairs">,
  minEffect = 2,
): string[] {
  return truth.pairs
    .filter((t) => t.effect >= minEffect && t.pMacroGivenNotMicro > 0)
    .map((t) => {
      const trueLift = t.pMacroGivenMicro / t.pMacroGivenNotMicro - 1;
      const name = `${t.micro} → ${t.macro} (×${t.effect})`;
      const measured = analysis.pairs.find((p) => p.microId === t.micro && p.macroId === t.macro)?.lift;
      if (!measured) return `${name}: true ${signedPct(trueLift)}, measured: no data`;
      const inside = trueLift >= measured.low && (measured.high === null || trueLift <= measured.high);
      return `${name}: true ${signedPct(trueLift)}, measured ${liftFigure(measured)}${inside ? "" : " (truth outside the interval)"}`;
    });
}
