// What a report needs to count, derived from the spec alone: the goals, every (micro → macro)
// pair and the funnels. Sources turn this plan into queries; analysis reads it back.
import type { Project } from "../spec/model.js";

export interface PlannedPair {
  microId: string;
  macroId: string;
  microEvent: string;
  macroEvent: string;
  windowSeconds: number;
}

export interface PlannedFunnel {
  funnelId: string;
  open: boolean;
  windowSeconds: number;
  steps: { goalId: string; event: string }[];
}

export interface ReportPlan {
  goals: { goalId: string; event: string }[];
  pairs: PlannedPair[];
  funnels: PlannedFunnel[];
}

export function planReport(project: Project): ReportPlan {
  const byId = new Map(project.goals.map((g) => [g.id, g]));
  const goals = project.goals.map((g) => ({ goalId: g.id, event: g.event }));
  const pairs: PlannedPair[] = [];
  for (const micro of project.goals) {
    if (micro.kind !== "micro") continue;
    for (const macroId of micro.leadsTo) {
      const macro = byId.get(macroId);
      if (!macro) continue; // validation reports dangling references; a report skips them
      pairs.push({
        microId: micro.id,
        macroId,
        microEvent: micro.event,
        macroEvent: macro.event,
        windowSeconds: project.report.windowSeconds,
      });
    }
  }
  const funnels = project.funnels.map((f) => ({
    funnelId: f.id,
    open: f.open,
    windowSeconds: f.windowSeconds,
    steps: f.steps.flatMap((id) => {
      const g = byId.get(id);
      return g ? [{ goalId: id, event: g.event }] : [];
    }),
  }));
  return { goals, pairs, funnels };
}
