import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

const maxValueLength = 100;

export const constantTooLong: Rule = {
  id: "constant-too-long",
  severity: "error",
  summary: `A constant parameter value is at most ${maxValueLength} characters (GA4 truncates longer values).`,
  check: (project) =>
    project.goals.flatMap((g) =>
      g.params.flatMap((p): Finding[] => {
        if (!("constant" in p.from) || String(p.from.constant).length <= maxValueLength) return [];
        const len = String(p.from.constant).length;
        return [
          {
            message: `Constant value of "${p.name}" is ${len} characters; GA4 allows ${maxValueLength}.`,
            at: refIn(p.source, "constant"),
          },
        ];
      }),
    ),
};
