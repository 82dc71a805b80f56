import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

const maxParams = 25;

export const tooManyParams: Rule = {
  id: "too-many-params",
  severity: "error",
  summary: `A GA4 event carries at most ${maxParams} parameters.`,
  check: (project) =>
    project.goals
      .filter((g) => g.params.length > maxParams)
      .map((g) => ({
        message: `Goal "${g.id}" sends ${g.params.length} parameters; GA4 allows ${maxParams} per event.`,
        at: refIn(g.source, "params"),
      })),
};
