import { maxNameLength, nameFormat, reservedPrefixOf } from "../ga4-naming.js";
import { eventRef } from "./refs.js";
import type { Rule } from "./rule.js";

export const eventNameFormat: Rule = {
  id: "event-name-format",
  severity: "error",
  summary: "GA4 event names use letters, digits and underscores and start with a letter.",
  check: (project, ctx) =>
    project.goals
      .filter((g) => !nameFormat.test(g.event) && !reservedPrefixOf(g.event))
      .map((g) => ({
        message: `Event name "${g.event}" is not a valid GA4 name: use letters, digits and underscores, starting with a letter.`,
        at: eventRef(g, ctx.has),
        hint: `e.g. "${g.event
          .replace(/[^A-Za-z0-9_]+/g, "_")
          .replace(/^[^A-Za-z]+/, "")
          .slice(0, maxNameLength)}"`,
      })),
};
