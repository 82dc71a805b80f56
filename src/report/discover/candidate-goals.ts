// Candidates as goals, for the report's own adjusted estimator at discover's confirmation stage: an
// event becomes a goal on its event name, an event × parameter value a goal with that condition (a
// page path as a prefix). These goals are measured, never deployed, so automatic events (page_view,
// scroll…) are fine here. Thresholds and combinations have no goal shape: they stay crude.
import type { Condition, Goal, Project } from "../../project/model.js";
import type { CandidateDefinition } from "./candidate.js";

const source = { file: "(discover)", pointer: "" };

function goalOf(d: CandidateDefinition, id: string, macro: Goal): Goal | undefined {
  if (d.minCount !== undefined || d.and) return undefined;
  const base = {
    id,
    kind: "micro" as const,
    role: "secondary" as const,
    leadsTo: [macro.id],
    event: d.event,
    // Conditions are re-checked on the export only for shared or reserved events: always here.
    reservedEventOk: true,
    pii: false,
    source,
  };
  const trigger = (conditions: Condition[]) => ({ kind: "data_layer" as const, event: d.event, conditions });
  if (!d.param) return { ...base, title: d.event, params: [], trigger: trigger([]) };
  const value = d.value ?? "";
  const title = `${d.event} ${d.param}=${value}`;
  const condition = (subject: Condition["subject"], op: Condition["op"]): Condition => ({
    subject,
    op,
    value,
    negate: false,
    ignoreCase: false,
    source,
  });
  // A page path candidate is a path prefix (discover-query.ts keeps the first segment).
  if (d.param === "page_path")
    return {
      ...base,
      title,
      params: [],
      trigger: trigger([condition({ builtin: "page_path" }, "starts_with")]),
    };
  // Any other parameter: read as the goal's own parameter, as a spec's `params:` would be.
  const from = { dataLayer: d.param };
  const param = { name: d.param, from, type: "string" as const, report: false, source };
  return { ...base, title, params: [param], trigger: trigger([condition(from, "equals")]) };
}

export interface CandidateGoals {
  /** the project reduced to the macro goal and one secondary micro goal per expressible candidate */
  project: Project;
  /** goal id → the candidate it stands for */
  candidates: Map<string, CandidateDefinition>;
}

export function candidateGoals(project: Project, macro: Goal, defs: CandidateDefinition[]): CandidateGoals {
  const candidates = new Map<string, CandidateDefinition>();
  const goals: Goal[] = [macro];
  defs.forEach((d, i) => {
    const goal = goalOf(d, `candidate_${i + 1}`, macro);
    if (!goal) return;
    goals.push(goal);
    candidates.set(goal.id, d);
  });
  return { project: { ...project, goals, funnels: [] }, candidates };
}
