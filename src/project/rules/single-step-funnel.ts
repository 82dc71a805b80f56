import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const singleStepFunnel: Rule = {
  id: "single-step-funnel",
  severity: "warning",
  summary: "A funnel with one step measures nothing.",
  check: (project) =>
    project.funnels
      .filter((f) => f.steps.length === 1)
      .map((f) => ({ message: `Funnel "${f.id}" has a single step.`, at: refIn(f.source, "steps") })),
};
