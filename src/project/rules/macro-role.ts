import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const macroRole: Rule = {
  id: "macro-role",
  severity: "error",
  summary: "Only micro goals have a role (milestone or secondary).",
  check: (project) =>
    project.goals
      .filter((g) => g.kind === "macro" && g.role !== undefined)
      .map((g) => ({ message: `Macro goal "${g.id}" cannot have a role.`, at: refIn(g.source, "role") })),
};
