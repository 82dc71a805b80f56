import { eventRef } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const duplicateEventName: Rule = {
  id: "duplicate-event-name",
  severity: "error",
  summary: "Two goals never send the same GA4 event name (reports could not tell them apart).",
  check: (project, ctx) => {
    const first = new Map<string, string>();
    const seenIds = new Set<string>();
    const out: Finding[] = [];
    for (const g of project.goals) {
      // A repeated id is duplicate-goal-id's finding; don't report it twice.
      if (seenIds.has(g.id)) continue;
      seenIds.add(g.id);
      const prev = first.get(g.event);
      if (prev) {
        out.push({
          message: `Event name "${g.event}" is already sent by goal "${prev}".`,
          at: eventRef(g, ctx.has),
          hint: "Give one of the goals its own `event:`.",
        });
      } else first.set(g.event, g.id);
    }
    return out;
  },
};
