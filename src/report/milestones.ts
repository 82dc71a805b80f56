// Milestones apart from secondary actions. A milestone (`role: milestone`) is a step on the path to
// the macro goal: nobody buys without checking out, so its "lift" says the path exists, not that
// the step drives anything. Milestones are reported as steps; the ranking and the headline rank
// secondary actions. A micro goal the spec gave no role that nearly every converter did first is
// treated the same way, with a hint to set its role.
import type { Goal } from "../project/model.js";
import type { PairAnalysis } from "./analysis.js";
import { count } from "./render/figures.js";

/** Share of converters who did the micro goal first above which a role-less goal is a step. */
export const REQUIRED_SHARE = 0.99;

export interface PairRole {
  role: "milestone" | "secondary";
  /** "spec": the goal's role; "detected": no role in the spec, but converters all did it first */
  roleSource: "spec" | "detected";
  /** converters who did the micro goal before converting / all converters; null without converters */
  shareOfConverters: number | null;
  /** "required step: no conversions without it (0 of N)" when that holds, else a share; null for secondary */
  stepNote: string | null;
  /** what to change in the spec, for detected steps */
  hint: string | null;
}

/**
 * Converters with it = converted within the window after the micro goal; converters without it =
 * converted and never did the micro goal. Converters who did it only outside the window are in
 * neither, so the share reads "of converters we can place".
 */
export function pairRole(p: PairAnalysis, micro: Goal | undefined): PairRole {
  const withIt = p.afterMicro.x;
  const without = p.baseline.x;
  const converters = withIt + without;
  const share = converters > 0 ? withIt / converters : null;
  const specMilestone = micro?.role === "milestone";
  const detected =
    !specMilestone &&
    (micro?.roleDefaulted === true || micro?.role === undefined) &&
    p.status !== "no-data" &&
    share !== null &&
    share >= REQUIRED_SHARE;
  if (!specMilestone && !detected)
    return { role: "secondary", roleSource: "spec", shareOfConverters: share, stepNote: null, hint: null };
  const stepNote =
    p.status === "no-data"
      ? null
      : without === 0 && p.baseline.n > 0
        ? `required step: no conversions without it (0 of ${count(p.baseline.n)})`
        : share === null
          ? null
          : `step: ${(share * 100).toFixed(1)}% of converters did it first`;
  return {
    role: "milestone",
    roleSource: detected ? "detected" : "spec",
    shareOfConverters: share,
    stepNote,
    hint: detected
      ? `${p.microId} has no role and ${(share! * 100).toFixed(1)}% of ${p.macroId} converters did it first: set \`role: milestone\` (or \`role: secondary\` to rank it)`
      : null,
  };
}
