// Reduces a report's Analysis to the history line that later runs compare with and chart.
import type { Analysis } from "../report/analysis.js";
import { resolveDate } from "../report/period.js";
import { caveatLines } from "../report/render/caveat-lines.js";
import { HISTORY_VERSION, type HistoryEntry } from "./history-entry.js";

export function historyEntryFromAnalysis(analysis: Analysis, runAt: Date = new Date()): HistoryEntry {
  const at = analysis.generatedAt ? new Date(analysis.generatedAt) : runAt;
  return {
    version: HISTORY_VERSION,
    runAt: runAt.toISOString(),
    period: {
      since: resolveOr(analysis.dateRange.since, at),
      until: resolveOr(analysis.dateRange.until, at),
    },
    target: analysis.target ?? "default",
    // Pairs without micro users have no rate to compare: leave them out rather than record 0%.
    pairs: analysis.pairs
      .filter((p) => p.afterMicro.n > 0 && p.afterMicro.rate !== null)
      .map((p) => ({
        micro: p.microId,
        macro: p.macroId,
        n: p.afterMicro.n,
        conversions: p.afterMicro.x,
        rate: p.afterMicro.rate!,
        low: p.afterMicro.low ?? 0,
        high: p.afterMicro.high ?? 1,
      })),
    funnels: analysis.funnels.map((f) => ({
      id: f.id,
      steps: f.steps.map((s) => ({ goal: s.goalId, users: s.users })),
    })),
    // The report's own warnings (thresholding, sampling, missing goals, unchecked conditions, export
    // notes), word for word, so the history can never say less than the report did.
    caveats: caveatLines(analysis)
      .filter((l) => l.level === "warning")
      .map((l) => l.text),
  };
}

function resolveOr(expression: string, at: Date): string {
  try {
    return resolveDate(expression, at);
  } catch {
    return expression;
  }
}
