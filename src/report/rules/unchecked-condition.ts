// A goal that reuses a shared event name (reserved_event page_view, or one event for several goals)
// is told apart in reports only by re-checking its trigger conditions. The GA4 Data API can check
// page path, URL and hostname conditions (as dimension filters); anything else (CSS selectors,
// click text, data-layer values, numeric comparisons) it cannot, and would count every such event.

import type { Finding, Rule } from "../../project/rules/rule.js";
import { reportConditions, sharedEventGoals, subjectName } from "../query-plan.js";
import { fieldCondition } from "../sources/data-api/goal-filter.js";

export const reportUncheckedCondition: Rule = {
  id: "report-unchecked-condition",
  severity: "warning",
  summary:
    "A goal on a shared event name only has conditions GA4 Data API reports can check (page path, URL, hostname).",
  check: (project) => {
    const shared = sharedEventGoals(project);
    const out: Finding[] = [];
    for (const g of project.goals) {
      for (const c of reportConditions(g, shared)) {
        if (fieldCondition(c)) continue;
        out.push({
          message: `Goal "${g.id}" shares the event "${g.event}"; a GA4 Data API report cannot check its condition on ${subjectName(c)} and counts every "${g.event}" event for it.`,
          at: c.source,
          hint: "Narrow the goal by page path, URL or hostname, give it its own `event:`, or report from the export (--source files|bigquery).",
        });
      }
    }
    return out;
  },
};
