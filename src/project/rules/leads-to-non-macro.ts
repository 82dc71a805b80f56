import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const leadsToNonMacro: Rule = {
  id: "leads-to-non-macro",
  severity: "error",
  summary: "leads_to names macro goals only.",
  check: (project) => {
    const kind = new Map(project.goals.map((g) => [g.id, g.kind]));
    return project.goals.flatMap((g) =>
      g.leadsTo.flatMap((id, i): Finding[] =>
        kind.get(id) === "micro"
          ? [
              {
                message: `"${g.id}" leads to "${id}", which is a micro goal.`,
                at: refIn(g.source, "leads_to", i),
              },
            ]
          : [],
      ),
    );
  },
};
