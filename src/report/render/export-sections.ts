// The export-only sections (time to convert, goal paths before a macro) as rows of formatted
// cells, so every human format shows the same figures in the same order.
import type { Analysis } from "../analysis.js";
import { count, duration, elapsed } from "./figures.js";

export interface TimeRow {
  pair: string;
  converters: string;
  median: string;
  p90: string;
}

export interface PathBlock {
  macroId: string;
  macroTitle: string;
  title: string;
  rows: { path: string; conversions: string; share: string; users: string }[];
}

export const timeHeading = "Time from micro to macro";
export const timeExplanation =
  "Users who converted within the window: from the earliest micro goal in the window to their first conversion.";

export function timeRows(a: Analysis): TimeRow[] {
  return (a.export?.timeToConvert ?? []).map((t) => ({
    pair: `${t.microId} → ${t.macroId}`,
    converters: count(t.converters),
    median: elapsed(t.medianSeconds),
    p90: elapsed(t.p90Seconds),
  }));
}

export function pathBlocks(a: Analysis): PathBlock[] {
  const window = duration(a.pairs[0]?.windowSeconds ?? 0);
  return (a.export?.reversePaths ?? []).map((p) => {
    const title = a.goals.find((g) => g.id === p.macroId)?.title ?? p.macroId;
    return {
      macroId: p.macroId,
      macroTitle: title,
      title: `Goal paths before ${p.macroId}: the last micro goals in the ${window} before each of ${count(p.conversions)} conversions`,
      rows: p.top.map((path) => ({
        path: path.steps.length > 0 ? path.steps.join(" > ") : "(no micro goal before it)",
        conversions: count(path.conversions),
        share: p.conversions > 0 ? `${((100 * path.conversions) / p.conversions).toFixed(1)}%` : "—",
        users: count(path.users),
      })),
    };
  });
}
