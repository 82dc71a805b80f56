// What a report needs to count, derived from the spec alone: the goals, every (micro → macro)
// pair and the funnels. Sources turn this plan into queries; analysis reads it back.
//
// A goal is counted by its GA4 event name. When that name is shared (a reserved event such as
// page_view reused on purpose, or several goals on one event) the event alone does not identify
// the goal: GTM's trigger filtering is invisible in GA4, so every source re-evaluates the
// trigger's conditions (`conditions` below) on the event rows — the export path from
// event_params (sources/export/goal-matcher.ts), the Data API path as dimension filters
// (sources/data-api/goal-filter.ts). Both read "page path" the same way: see PAGE_PATH_DEFINITION.
import type { Condition, Goal, Project } from "../project/model.js";

export interface PlannedGoal {
  goalId: string;
  event: string;
  /** trigger conditions a report must re-check on the event; empty when the event is the goal's own */
  conditions: Condition[];
}

export interface PlannedPair {
  microId: string;
  macroId: string;
  microEvent: string;
  macroEvent: string;
  windowSeconds: number;
}

export interface PlannedFunnel {
  funnelId: string;
  open: boolean;
  windowSeconds: number;
  steps: { goalId: string; event: string }[];
}

export interface ReportPlan {
  goals: PlannedGoal[];
  pairs: PlannedPair[];
  funnels: PlannedFunnel[];
}

/**
 * The page path every source compares page_path conditions with: the path of page_location, from
 * the first "/" after the host up to "?" or "#" (GA4's pagePath dimension, GTM's Page Path), "/"
 * when the URL has no path, "(not set)" when the event has no page_location.
 */
export const PAGE_PATH_DEFINITION =
  'path of page_location up to "?" or "#"; "/" when the URL has none; "(not set)" without page_location';
/** Capture group 1 is the page path (RE2 and JavaScript alike). */
export const PAGE_PATH_PATTERN = "^[^:/?#]+://[^/?#]*(/[^?#]*)";
export const NOT_SET = "(not set)";

export function pagePathOf(pageLocation: string | undefined | null): string {
  if (pageLocation === undefined || pageLocation === null) return NOT_SET;
  return new RegExp(PAGE_PATH_PATTERN).exec(pageLocation)?.[1] ?? "/";
}

/** Goals whose event name does not identify them: a reused reserved event, or a shared one. */
export function sharedEventGoals(project: Project): Set<string> {
  const use = new Map<string, number>();
  for (const g of project.goals) use.set(g.event, (use.get(g.event) ?? 0) + 1);
  return new Set(
    project.goals.filter((g) => g.reservedEventOk || (use.get(g.event) ?? 0) > 1).map((g) => g.id),
  );
}

/** The conditions a report must re-check for a goal (see the header). */
export function reportConditions(goal: Goal, shared: Set<string>): Condition[] {
  return shared.has(goal.id) ? goal.trigger.conditions : [];
}

/** How a report names a condition's subject in caveats ("page_path", "data layer ecommerce.value"). */
export function subjectName(c: Condition): string {
  const s = c.subject;
  if ("builtin" in s) return s.builtin;
  if ("dataLayer" in s) return `data layer ${s.dataLayer}`;
  if ("formField" in s) return `form field ${s.formField}`;
  return "a constant";
}

export function planReport(project: Project): ReportPlan {
  const byId = new Map(project.goals.map((g) => [g.id, g]));
  const shared = sharedEventGoals(project);
  const goals = project.goals.map((g) => ({
    goalId: g.id,
    event: g.event,
    conditions: reportConditions(g, shared),
  }));
  const pairs: PlannedPair[] = [];
  for (const micro of project.goals) {
    if (micro.kind !== "micro") continue;
    for (const macroId of micro.leadsTo) {
      const macro = byId.get(macroId);
      if (!macro) continue; // validation reports dangling references; a report skips them
      pairs.push({
        microId: micro.id,
        macroId,
        microEvent: micro.event,
        macroEvent: macro.event,
        windowSeconds: project.report.windowSeconds,
      });
    }
  }
  const funnels = project.funnels.map((f) => ({
    funnelId: f.id,
    open: f.open,
    windowSeconds: f.windowSeconds,
    steps: f.steps.flatMap((id) => {
      const g = byId.get(id);
      return g ? [{ goalId: id, event: g.event }] : [];
    }),
  }));
  return { goals, pairs, funnels };
}
