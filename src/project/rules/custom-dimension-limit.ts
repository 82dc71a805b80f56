import type { ParamSpec } from "../model.js";
import { refIn } from "./refs.js";
import type { Rule } from "./rule.js";

export const customDimensionLimit: Rule = {
  id: "custom-dimension-limit",
  severity: "error",
  summary: "Reported parameters (`report: true`) fit the event-scoped custom dimension limit (default 50).",
  check: (project) => {
    // One dimension per distinct parameter name, in spec order.
    const dims = new Map<string, ParamSpec>();
    for (const g of project.goals)
      for (const p of g.params) if (p.report && !dims.has(p.name)) dims.set(p.name, p);
    const limit = project.limits.customDimensions;
    if (dims.size <= limit) return [];
    const first = [...dims.values()][limit]!;
    return [
      {
        message: `${dims.size} parameters are reported as custom dimensions; the property allows ${limit}. "${first.name}" is the first over the limit.`,
        at: refIn(first.source, "report"),
      },
    ];
  },
};
