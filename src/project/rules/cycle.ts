import type { Goal } from "../model.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const cycle: Rule = {
  id: "cycle",
  severity: "error",
  summary: "leads_to never forms a cycle (a goal leading, directly or not, to itself).",
  check: (project) => {
    const byId = new Map<string, Goal>();
    for (const g of project.goals) if (!byId.has(g.id)) byId.set(g.id, g);
    const state = new Map<string, "active" | "done">();
    const out: Finding[] = [];
    const visit = (g: Goal, path: string[]): void => {
      state.set(g.id, "active");
      g.leadsTo.forEach((next, i) => {
        const target = byId.get(next);
        if (!target) return;
        if (state.get(next) === "active") {
          const start = path.indexOf(next);
          const loop = start >= 0 ? [...path.slice(start), g.id, next] : [g.id, next];
          out.push({
            message: `leads_to forms a cycle: ${loop.join(" → ")}.`,
            at: refIn(g.source, "leads_to", i),
          });
        } else if (!state.has(next)) visit(target, [...path, g.id]);
      });
      state.set(g.id, "done");
    };
    for (const g of byId.values()) if (!state.has(g.id)) visit(g, []);
    return out;
  },
};
