// The breakdown's table as plain cells, shared by the terminal, Markdown and HTML renderers: one row
// per segment (users, macro rate), one column per pair (lift with its significance mark).
import type { Analysis, PairAnalysis } from "../analysis.js";
import type { BreakdownAnalysis, SegmentAnalysis } from "../breakdown/analysis.js";
import { count, liftPoint, pct, rate } from "./figures.js";

export const SIGNIFICANT_MARK = "*";

export interface PairColumn {
  microId: string;
  macroId: string;
  /** the micro id alone when every pair leads to the same macro goal */
  label: string;
}

/** Pairs whose micro goal is a milestone, left out of the table as they are out of the ranking. */
export function milestonePairs(a: Analysis): Set<string> {
  if (a.includeMilestones) return new Set();
  return new Set(a.milestones.map((i) => pairKey(a.pairs[i]!)));
}

const pairKey = (p: { microId: string; macroId: string }) => `${p.microId}\u0000${p.macroId}`;

export function pairColumns(b: BreakdownAnalysis, leftOut: ReadonlySet<string> = new Set()): PairColumn[] {
  const pairs = (b.segments[0]?.pairs ?? []).filter((p) => !leftOut.has(pairKey(p)));
  const oneMacro = new Set(pairs.map((p) => p.macroId)).size <= 1;
  return pairs.map((p) => ({
    microId: p.microId,
    macroId: p.macroId,
    label: oneMacro ? p.microId : `${p.microId} → ${p.macroId}`,
  }));
}

export function pairOf(s: SegmentAnalysis, c: PairColumn): PairAnalysis | undefined {
  return s.pairs.find((p) => p.microId === c.microId && p.macroId === c.macroId);
}

/** "+120% *" significant; "(+40%)" under min_users; "—" without a lift. */
export function liftCell(p: PairAnalysis | undefined): string {
  if (!p?.lift || p.status === "no-data") return "—";
  const point = liftPoint(p.lift);
  if (p.status === "too-few-users") return `(${point})`;
  return p.significant ? `${point} ${SIGNIFICANT_MARK}` : point;
}

export function segmentLabel(s: SegmentAnalysis): string {
  if (s.kind === "folded") return `(other: ${count(s.foldedValues?.length ?? 0)} small segments)`;
  return s.value === "" ? "(empty)" : s.value;
}

export function macroCell(s: SegmentAnalysis): string {
  return s.macro ? rate(s.macro.rate) : "—";
}

export function breakdownTitle(b: BreakdownAnalysis): string {
  return `Breakdown by ${b.dimension}`;
}

/** The lines every format prints under the title: scope, folding, the test family. */
export function breakdownNotes(a: Analysis): string[] {
  const b = a.breakdown!;
  const alpha = a.alpha;
  const macro = b.segments[0]?.macro?.goalId;
  const steps = a.includeMilestones ? [] : [...new Set(a.milestones.map((i) => a.pairs[i]!.microId))];
  return [
    `Scope: ${b.scopeLabel}. ${b.definition}.`,
    `Segments under min_users (${count(b.minUsers)}) are summed into "(other)"; "(not set)" and GA4's "(other)" are kept.`,
    `Lift = P(${macro ?? "macro"} within the window after the micro goal) / P(without it) − 1 in each segment; ` +
      `${SIGNIFICANT_MARK} q ≤ ${alpha} (Benjamini–Hochberg over ${count(b.tests)} segment × pair tests); ` +
      "(…) under min_users; — no data.",
    ...(steps.length > 0
      ? [
          `Milestones left out (${steps.join(", ")}): steps on the path, not drivers; --include-milestones shows them.`,
        ]
      : []),
  ];
}

export { pct };

/** The early verdict's rows: segment, users, macro rate so far, predicted eventual rate [interval]. */
export function predictionRows(
  b: BreakdownAnalysis,
): { title: string; note: string; rows: string[][] } | null {
  const p = b.prediction;
  if (!p) return null;
  return {
    title: `Early verdict: predicted ${p.macroId} rate within ${p.horizonDays} days after the range`,
    note:
      `Learned on ${p.trainSince}..${p.trainUntil} (${count(p.trainingUsers)} users observed ${p.observedDays} days, then to its end): ` +
      `P(${p.macroId} | micro goals done so far), shrunk towards the overall rate; members first seen in the range.`,
    rows: p.segments.map((s) => [
      s.value,
      count(s.users),
      rate(s.soFar),
      `${pct(s.predicted.rate)} [${pct(s.predicted.low)}–${pct(s.predicted.high)}]`,
    ]),
  };
}

export const PREDICTION_HEADER = ["segment", "users", "so far", "predicted [95% CI]"];
