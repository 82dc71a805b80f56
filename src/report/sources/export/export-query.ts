// The spec side of the query model: a project and a date range → ExportQuery (goal matchers,
// pairs, funnels), using the report plan every source shares.
import type { Project } from "../../../project/model.js";
import { planReport } from "../../query-plan.js";
import type { ExportQuery } from "./analysis-query.js";
import { goalMatchers } from "./goal-matcher.js";

export interface ExportQueryOptions {
  /** YYYY-MM-DD or YYYYMMDD, inclusive */
  since: string;
  until: string;
  topPaths?: number;
  pathLength?: number;
}

export function exportQuery(
  project: Project,
  opts: ExportQueryOptions,
): { query: ExportQuery; notes: string[] } {
  const plan = planReport(project);
  const { matchers, caveats } = goalMatchers(project);
  const query: ExportQuery = {
    startDate: compactDate(opts.since),
    endDate: compactDate(opts.until),
    goals: matchers,
    pairs: plan.pairs.map((p) => ({
      microId: p.microId,
      macroId: p.macroId,
      windowSeconds: p.windowSeconds,
    })),
    funnels: plan.funnels.map((f) => ({
      funnelId: f.funnelId,
      open: f.open,
      windowSeconds: f.windowSeconds,
      steps: f.steps.map((s) => s.goalId),
    })),
    pathWindowSeconds: project.report.windowSeconds,
    topPaths: opts.topPaths ?? 5,
    pathLength: opts.pathLength ?? 3,
  };
  return { query, notes: caveats };
}

/** "2020-11-01" or "20201101" → "20201101"; anything else is a usage error upstream. */
export function compactDate(d: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(d);
  if (!m) throw new RangeError(`not a calendar date: ${d}`);
  return `${m[1]}${m[2]}${m[3]}`;
}
