import { reservedEventNames } from "../ga4-naming.js";
import { eventRef } from "./refs.js";
import type { Rule } from "./rule.js";

export const reservedEventName: Rule = {
  id: "reserved-event-name",
  severity: "error",
  summary:
    "Reusing an automatic GA4 event name (scroll, file_download, …) must be explicit: `reserved_event: true`.",
  check: (project, ctx) =>
    project.goals
      .filter((g) => reservedEventNames.has(g.event) && !g.reservedEventOk)
      .map((g) => ({
        message: `"${g.event}" is an event GA4 sends automatically; a goal may reuse it only on purpose.`,
        at: eventRef(g, ctx.has),
        hint: "Add `reserved_event: true` to the goal, or choose another event name.",
      })),
};
