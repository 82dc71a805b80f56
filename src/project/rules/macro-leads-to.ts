import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const macroLeadsTo: Rule = {
  id: "macro-leads-to",
  severity: "error",
  summary: "A macro goal is an end point: it has no leads_to.",
  check: (project) =>
    project.goals
      .filter((g) => g.kind === "macro" && g.leadsTo.length > 0)
      .map((g) => ({
        message: `Macro goal "${g.id}" cannot lead to other goals.`,
        at: refIn(g.source, "leads_to"),
        hint: "Make it a micro goal, or remove leads_to.",
      })),
};
