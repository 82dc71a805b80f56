import { closest } from "../suggest.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const unknownGoal: Rule = {
  id: "unknown-goal",
  severity: "error",
  summary: "Every goal named in leads_to or in a funnel's steps exists.",
  check: (project) => {
    const ids = project.goals.map((g) => g.id);
    const known = new Set(ids);
    const finding = (id: string, at: ReturnType<typeof refIn>, where: string): Finding => {
      const guess = closest(id, ids);
      return {
        message: `Unknown goal "${id}" in ${where}.` + (guess ? ` Did you mean "${guess}"?` : ""),
        at,
      };
    };
    const out: Finding[] = [];
    for (const g of project.goals) {
      g.leadsTo.forEach((id, i) => {
        if (!known.has(id)) out.push(finding(id, refIn(g.source, "leads_to", i), `leads_to of "${g.id}"`));
      });
    }
    for (const f of project.funnels) {
      f.steps.forEach((id, i) => {
        if (!known.has(id)) out.push(finding(id, refIn(f.source, "steps", i), `funnel "${f.id}"`));
      });
    }
    return out;
  },
};
