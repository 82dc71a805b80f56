import { nameFormat, reservedPrefixOf } from "../ga4-naming.js";
import type { Finding, Rule } from "./rule.js";

export const paramNameFormat: Rule = {
  id: "param-name-format",
  severity: "error",
  summary: "GA4 parameter names use letters, digits and underscores and start with a letter.",
  check: (project) =>
    project.goals.flatMap((g) =>
      g.params
        .filter((p) => !nameFormat.test(p.name) && !reservedPrefixOf(p.name))
        .map(
          (p): Finding => ({
            message: `Parameter name "${p.name}" is not a valid GA4 name: use letters, digits and underscores, starting with a letter.`,
            at: p.source,
            atKey: true,
          }),
        ),
    ),
};
