// A report with no events at all: the property or the range is wrong, not every goal's trigger at
// once (the caveat line, each pair's note and the CLI's emulator hint say so alike).
import type { GoalAnalysis } from "./analysis.js";

export function noEventsAtAll(a: { totalUsers: number; goals: Pick<GoalAnalysis, "noData">[] }): boolean {
  return a.totalUsers === 0 && a.goals.every((g) => g.noData);
}
