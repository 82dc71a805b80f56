// History entries → the trend points the HTML report charts: one point per reporting period of the
// target (the newest run of a period wins, earlier re-runs are superseded), oldest first.
import type { HistoryPoint } from "../report/analysis.js";
import type { HistoryEntry } from "./history-entry.js";

export function historyPoints(entries: HistoryEntry[], target: string): HistoryPoint[] {
  const byPeriod = new Map<string, HistoryEntry>();
  for (const e of entries) {
    if (e.target !== target) continue;
    const seen = byPeriod.get(e.period.until);
    if (!seen || e.runAt >= seen.runAt) byPeriod.set(e.period.until, e);
  }
  return [...byPeriod.values()]
    .sort((a, b) => (a.period.until < b.period.until ? -1 : a.period.until > b.period.until ? 1 : 0))
    .map((e) => ({
      at: e.period.until,
      pairs: e.pairs.map((p) => ({ microId: p.micro, macroId: p.macro, rate: p.rate, n: p.n })),
    }));
}
