import { maxNameLength } from "../ga4-naming.js";
import { eventRef } from "./refs.js";
import type { Rule } from "./rule.js";

export const eventNameLength: Rule = {
  id: "event-name-length",
  severity: "error",
  summary: `GA4 event names are at most ${maxNameLength} characters.`,
  check: (project, ctx) =>
    project.goals
      .filter((g) => g.event.length > maxNameLength)
      .map((g) => ({
        message: `Event name "${g.event}" is ${g.event.length} characters; GA4 allows ${maxNameLength}.`,
        at: eventRef(g, ctx.has),
        hint: "Shorten the id, or set a shorter `event:`.",
      })),
};
