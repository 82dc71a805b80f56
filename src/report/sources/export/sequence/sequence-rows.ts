// The analysis query's goal, pair, edge, time, funnel, continued and path sections computed in one
// pass over the goal hits grouped by user (user-hits.ts): the same rows analysis-query.ts returns,
// without a sort or join per section. The files source uses it; BigQuery keeps the SQL.
import { type ExportQuery, goalCode } from "../analysis-query.js";
import type { ResultRow } from "../read-result.js";
import { FunnelSections } from "./funnel-sections.js";
import { PairSections } from "./pair-sections.js";
import { PathSections } from "./path-sections.js";
import { resultRow } from "./result-row.js";
import { UserGoals } from "./user-goals.js";
import { type UserHits, userCount } from "./user-hits.js";

/** The goal ids by code (codes are ranks in byte order: analysis-query.ts goalCode). */
export function goalIdsByCode(q: Pick<ExportQuery, "goals">): string[] {
  const code = goalCode(q);
  const ids: string[] = [];
  for (const g of q.goals) ids[code(g.goalId)] = g.goalId;
  return ids;
}

export function sequenceRows(q: ExportQuery, hits: UserHits): ResultRow[] {
  const code = goalCode(q);
  const ids = goalIdsByCode(q);
  const goals = ids.length;
  const pairs = new PairSections(q, code);
  const funnels = new FunnelSections(q, code);
  const paths = new PathSections(q, code, goals);
  const user = new UserGoals(hits, goals);
  for (let u = 0; u < userCount(hits); u++) {
    user.load(u);
    pairs.visit(user);
    funnels.visit(user);
    paths.visit(hits, u);
  }
  const { users, events } = user;
  const goalUsers = (c: number) => (c >= 0 && c < goals ? users[c]! : 0);
  const rows: ResultRow[] = [];
  for (let c = 0; c < goals; c++)
    if (events[c]! > 0) rows.push(resultRow("goal", { a: ids[c]!, n1: users[c]!, n2: events[c]! }));
  rows.push(...pairs.rows(goalUsers), ...funnels.rows(goalUsers), ...paths.rows((c) => ids[c]!));
  return rows;
}
