// The breakdown in the terminal table and in Markdown: the segment table (users, macro rate with
// interval) and the lift matrix, split into column groups so the terminal table fits its width.
import type { Analysis } from "../analysis.js";
import type { BreakdownAnalysis } from "../breakdown/analysis.js";
import {
  breakdownNotes,
  breakdownTitle,
  liftCell,
  macroCell,
  milestonePairs,
  type PairColumn,
  PREDICTION_HEADER,
  pairColumns,
  pairOf,
  predictionRows,
  segmentLabel,
} from "./breakdown-cells.js";
import { count } from "./figures.js";
import { mdText } from "./markdown-text.js";
import { wrapProse } from "./prose-wrap.js";
import { textGrid, visibleWidth } from "./text-grid.js";

export const DEFAULT_WIDTH = 100;

type Paint = (code: string, s: string) => string;

export function breakdownTableLines(a: Analysis, paint: Paint, width = DEFAULT_WIDTH): string[] {
  const b = a.breakdown;
  if (!b) return [];
  const notes = breakdownNotes(a).flatMap((l) => wrapProse(`  ${l}`, width));
  const out = ["", paint("1", breakdownTitle(b)), ...notes, ""];
  const macro = b.segments[0]?.macro?.goalId ?? "macro";
  const seg = [["segment", "users", `${macro} rate [95% CI]`]];
  for (const s of b.segments) seg.push([segmentLabel(s), count(s.totalUsers), macroCell(s)]);
  out.push(...textGrid(seg, new Set([1])).map((l, i) => (i === 0 ? paint("2", `  ${l}`) : `  ${l}`)));
  for (const cols of columnGroups(b, width - 2, milestonePairs(a))) {
    out.push("");
    const rows = [["segment", ...cols.map((c) => c.label)]];
    for (const s of b.segments) rows.push([segmentLabel(s), ...cols.map((c) => liftCell(pairOf(s, c)))]);
    const right = new Set(cols.map((_, i) => i + 1));
    out.push(...textGrid(rows, right).map((l, i) => (i === 0 ? paint("2", `  ${l}`) : `  ${l}`)));
  }
  const pred = predictionRows(b);
  if (pred) {
    out.push("", paint("1", pred.title), `  ${pred.note}`);
    out.push(
      ...textGrid([PREDICTION_HEADER, ...pred.rows], new Set([1])).map((l, i) =>
        i === 0 ? paint("2", `  ${l}`) : `  ${l}`,
      ),
    );
  }
  return out;
}

/** Pair columns in groups whose rows fit `width` (the segment column repeats in each). */
function columnGroups(b: BreakdownAnalysis, width: number, leftOut: ReadonlySet<string>): PairColumn[][] {
  const cols = pairColumns(b, leftOut);
  const segWidth = Math.max(7, ...b.segments.map((s) => visibleWidth(segmentLabel(s))));
  const colWidth = (c: PairColumn) =>
    Math.max(visibleWidth(c.label), ...b.segments.map((s) => visibleWidth(liftCell(pairOf(s, c))))) + 2;
  const groups: PairColumn[][] = [];
  let current: PairColumn[] = [];
  let used = segWidth;
  for (const c of cols) {
    const w = colWidth(c);
    if (current.length > 0 && used + w > width) {
      groups.push(current);
      current = [];
      used = segWidth;
    }
    current.push(c);
    used += w;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function breakdownMarkdownLines(a: Analysis): string[] {
  const b = a.breakdown;
  if (!b) return [];
  const row = (cells: string[]) => `| ${cells.map((c) => mdText(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  const cols = pairColumns(b, milestonePairs(a));
  const macro = b.segments[0]?.macro?.goalId ?? "macro";
  const out = ["", `### ${mdText(breakdownTitle(b))}`, ""];
  for (const l of breakdownNotes(a)) out.push(mdText(l), "");
  out.push(row(["Segment", "Users", `${macro} rate [95% CI]`, ...cols.map((c) => c.label)]));
  out.push(row(["---", "--:", "---", ...cols.map(() => "--:")]));
  for (const s of b.segments)
    out.push(
      row([segmentLabel(s), count(s.totalUsers), macroCell(s), ...cols.map((c) => liftCell(pairOf(s, c)))]),
    );
  const pred = predictionRows(b);
  if (pred) {
    out.push("", `#### ${mdText(pred.title)}`, "", mdText(pred.note), "");
    out.push(row(PREDICTION_HEADER), row(["---", "--:", "---", "---"]), ...pred.rows.map(row));
  }
  return out;
}
