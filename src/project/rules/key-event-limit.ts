import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const keyEventLimit: Rule = {
  id: "key-event-limit",
  severity: "error",
  summary: "Key events fit the property's limit (limits.key_events, default 30).",
  check: (project, ctx) => {
    const keyGoals = project.goals.filter((g) => g.keyEvent);
    const limit = project.limits.keyEvents;
    if (keyGoals.length <= limit) return [];
    const first = keyGoals[limit]!;
    const explicit = refIn(first.source, "key_event");
    return [
      {
        message: `${keyGoals.length} goals are key events; the property allows ${limit}. "${first.id}" is the first over the limit.`,
        at: ctx.has(explicit) ? explicit : refIn(first.source, "id"),
        hint: "Set `key_event: false` on goals that need not be key events, or raise limits.key_events if your property allows more.",
      },
    ];
  },
};
