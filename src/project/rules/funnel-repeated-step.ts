import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const funnelRepeatedStep: Rule = {
  id: "funnel-repeated-step",
  severity: "error",
  summary: "A funnel names each goal once.",
  check: (project) =>
    project.funnels.flatMap((f) =>
      f.steps.flatMap((id, i): Finding[] =>
        f.steps.indexOf(id) < i
          ? [{ message: `Funnel "${f.id}" repeats step "${id}".`, at: refIn(f.source, "steps", i) }]
          : [],
      ),
    ),
};
