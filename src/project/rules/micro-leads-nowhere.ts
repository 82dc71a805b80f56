import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const microLeadsNowhere: Rule = {
  id: "micro-leads-nowhere",
  severity: "warning",
  summary: "A micro goal without leads_to cannot be analysed as a predictor of any macro goal.",
  check: (project) =>
    project.goals
      .filter((g) => g.kind === "micro" && g.leadsTo.length === 0)
      .map((g) => ({
        message: `Micro goal "${g.id}" leads to no macro goal.`,
        at: refIn(g.source, "id"),
        hint: "Add leads_to: [<macro goal id>].",
      })),
};
