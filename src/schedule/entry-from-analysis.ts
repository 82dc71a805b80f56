// Reduces a report's Analysis to the history line that later runs compare with and chart.
import type { Analysis } from "../report/analysis.js";
import type { Caveats } from "../report/model.js";
import { HISTORY_VERSION, type HistoryEntry } from "./history-entry.js";
import { resolveDate } from "./period.js";

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
    caveats: caveatLines(analysis.caveats),
  };
}

function resolveOr(expression: string, at: Date): string {
  try {
    return resolveDate(expression, at);
  } catch {
    return expression;
  }
}

export function caveatLines(c: Caveats): string[] {
  const lines: string[] = [];
  if (c.subjectToThresholding)
    lines.push(`thresholded by GA4: ${c.thresholdedQueries.join(", ") || "some queries"}`);
  for (const s of c.sampling)
    lines.push(`sampled: ${s.query} (${s.samplesReadCount} of ${s.samplingSpaceSize} sessions read)`);
  if (c.otherRow) lines.push(`rows folded into (other): ${c.otherRowQueries.join(", ") || "some queries"}`);
  if (c.missingGoals.length > 0) lines.push(`no data: ${c.missingGoals.join(", ")}`);
  return lines;
}
