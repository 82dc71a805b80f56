// Which pairs get an adjusted effect: milestones are steps, not treatments.
import type { Project } from "../../project/model.js";

export function secondaryPairs<P extends { microId: string }>(project: Project, pairs: P[]): P[] {
  const milestones = new Set(project.goals.filter((g) => g.role === "milestone").map((g) => g.id));
  return pairs.filter((p) => !milestones.has(p.microId));
}
