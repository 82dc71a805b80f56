import type { SourceRef } from "../model.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const duplicateGoalId: Rule = {
  id: "duplicate-goal-id",
  severity: "error",
  summary: "Goal ids are unique across all goal files.",
  check: (project) => {
    const first = new Map<string, SourceRef>();
    const out: Finding[] = [];
    for (const g of project.goals) {
      const prev = first.get(g.id);
      if (prev) {
        out.push({
          message: `Goal id "${g.id}" is already defined in ${prev.file}.`,
          at: refIn(g.source, "id"),
        });
      } else first.set(g.id, g.source);
    }
    return out;
  },
};
