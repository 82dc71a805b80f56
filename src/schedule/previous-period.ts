// Which earlier run a new run is compared with: the latest entry for the same target whose period
// ended before this one's. Re-runs of the same period are skipped (comparing a period with itself
// would only ever show noise); among entries for the previous period, the newest run wins.
import type { HistoryEntry } from "./history-entry.js";

export function previousPeriodEntry(
  entries: HistoryEntry[],
  current: HistoryEntry,
): HistoryEntry | undefined {
  let best: HistoryEntry | undefined;
  for (const e of entries) {
    if (e.target !== current.target || e.period.until >= current.period.until) continue;
    if (
      !best ||
      e.period.until > best.period.until ||
      (e.period.until === best.period.until && e.runAt >= best.runAt)
    )
      best = e;
  }
  return best;
}
