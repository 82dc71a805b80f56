import { maxNameLength } from "../ga4-naming.js";
import type { Finding, Rule } from "./rule.js";

export const paramNameLength: Rule = {
  id: "param-name-length",
  severity: "error",
  summary: `GA4 parameter names are at most ${maxNameLength} characters.`,
  check: (project) =>
    project.goals.flatMap((g) =>
      g.params
        .filter((p) => p.name.length > maxNameLength)
        .map(
          (p): Finding => ({
            message: `Parameter name "${p.name}" is ${p.name.length} characters; GA4 allows ${maxNameLength}.`,
            at: p.source,
            atKey: true,
          }),
        ),
    ),
};
