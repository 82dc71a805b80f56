// History store and alert figures: what a scheduled run adds on top of the report itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAlertRules } from "../src/schedule/alert-rule.js";
import { detectAlerts } from "../src/schedule/alerts.js";
import { appendHistory, readHistory } from "../src/schedule/history.js";
import { HISTORY_VERSION, type HistoryEntry } from "../src/schedule/history-entry.js";

function entry(week: number, pairs: number): HistoryEntry {
  const until = new Date(Date.UTC(2024, 0, 7 + 7 * week)).toISOString().slice(0, 10);
  return {
    version: HISTORY_VERSION,
    runAt: `${until}T07:00:00.000Z`,
    period: { since: "2024-01-01", until },
    target: "production",
    pairs: Array.from({ length: pairs }, (_, i) => {
      const n = 5_000 + i * 10;
      const conversions = Math.round(n * (0.1 + (week % 3 === 2 && i % 10 === 0 ? -0.04 : 0)));
      return {
        micro: `micro_${i}`,
        macro: "purchase",
        n,
        conversions,
        rate: conversions / n,
        low: 0,
        high: 1,
      };
    }),
    funnels: [
      {
        id: "checkout",
        steps: [
          { goal: "a", users: 9000 },
          { goal: "b", users: 4000 },
          { goal: "c", users: 900 },
        ],
      },
    ],
    caveats: [],
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "mg-bench-schedule-"));
  try {
    const path = join(dir, "history.jsonl");
    const weeks = 520; // ten years of weekly runs
    const pairs = 50;
    let t = performance.now();
    for (let w = 0; w < weeks; w++) await appendHistory(path, entry(w, pairs));
    const appendMs = performance.now() - t;
    console.log(
      `append ${weeks} entries (${pairs} pairs each; lock + fsync each): ${appendMs.toFixed(0)} ms, ${(appendMs / weeks).toFixed(2)} ms/entry`,
    );
    t = performance.now();
    const read = readHistory(path);
    console.log(
      `read ${read.entries.length} entries: ${(performance.now() - t).toFixed(1)} ms, ${read.problems.length} problems`,
    );

    const rules = parseAlertRules(["drop>=20%", "rise>=50%"]);
    const big = (w: number) => entry(w, 500);
    t = performance.now();
    const alerts = detectAlerts(big(1), big(2), rules);
    console.log(
      `detect alerts over 500 pairs + 2 funnel steps: ${(performance.now() - t).toFixed(1)} ms, ${alerts.length} alerts`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
