import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const unreachedMacro: Rule = {
  id: "unreached-macro",
  severity: "warning",
  summary: "A macro goal that no micro goal leads to has nothing to report against.",
  check: (project) => {
    const reached = new Set(project.goals.flatMap((g) => g.leadsTo));
    return project.goals
      .filter((g) => g.kind === "macro" && !reached.has(g.id))
      .map((g) => ({
        message: `No micro goal leads to macro goal "${g.id}".`,
        at: refIn(g.source, "id"),
        hint: `Add "${g.id}" to the leads_to of the micro goals on its path.`,
      }));
  },
};
