import { loadOnFirstUse } from "../load-on-first-use.js";
import { projectFile } from "../normalize-project.js";
import type { Rule } from "./rule.js";

// Loaded only when a schedule is set (cold start, issue 19).
const croner = loadOnFirstUse<typeof import("croner")>("croner");

export const invalidSchedule: Rule = {
  id: "invalid-schedule",
  severity: "error",
  summary: "report.schedule is a valid cron expression.",
  check: (project) => {
    const expr = project.report.schedule;
    if (expr === undefined) return [];
    try {
      new (croner().Cron)(expr, { paused: true }).stop();
      return [];
    } catch (e) {
      return [
        {
          message: `report.schedule "${expr}" is not a valid cron expression: ${e instanceof Error ? e.message : String(e)}`,
          at: { file: projectFile, pointer: "/report/schedule" },
          hint: 'e.g. "0 7 * * 1" (Mondays 07:00).',
        },
      ];
    }
  },
};
