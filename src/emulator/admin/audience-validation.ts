// What the Admin API checks in an Audience (v1alpha): required displayName and description,
// membershipDurationDays 1..540, at least one filter clause, each either a simple or a sequence
// filter with a known scope, and filter expressions shaped as GA4 demands (top level: andGroup of
// orGroups; an orGroup holds no groups; event filters name an event).
import { ApiError } from "../http/route.js";

type Json = Record<string, unknown>;

export const AUDIENCE_SCOPES = new Set([
  "AUDIENCE_FILTER_SCOPE_WITHIN_SAME_EVENT",
  "AUDIENCE_FILTER_SCOPE_WITHIN_SAME_SESSION",
  "AUDIENCE_FILTER_SCOPE_ACROSS_ALL_SESSIONS",
]);
const CLAUSE_TYPES = new Set(["INCLUDE", "EXCLUDE"]);
const EXCLUSION_MODES = new Set(["EXCLUDE_TEMPORARILY", "EXCLUDE_PERMANENTLY"]);
const LOG_CONDITIONS = new Set(["AUDIENCE_JOINED", "AUDIENCE_MEMBERSHIP_RENEWED"]);

export const invalid = (message: string) => new ApiError(400, "INVALID_ARGUMENT", message, "badRequest");

export function checkDisplayName(v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw invalid("displayName: The value is required.");
  if (v.length > 100) throw invalid("displayName: must be at most 100 characters.");
  return v;
}

export function checkDescription(v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw invalid("description: The value is required.");
  if (v.length > 1000) throw invalid("description: must be at most 1000 characters.");
  return v;
}

export function checkMembership(v: unknown): number {
  const n = Number(v);
  if (v === undefined || v === null || !Number.isInteger(n) || n < 1 || n > 540)
    throw invalid("membershipDurationDays: must be between 1 and 540 days.");
  return n;
}

export function checkEventTrigger(v: unknown): { eventName: string; logCondition: string } | undefined {
  if (v === undefined || v === null) return undefined;
  const t = v as Json;
  if (typeof t.eventName !== "string" || t.eventName === "")
    throw invalid("eventTrigger.eventName: The value is required.");
  if (!LOG_CONDITIONS.has(String(t.logCondition)))
    throw invalid(`eventTrigger.logCondition: invalid value "${String(t.logCondition)}".`);
  return { eventName: t.eventName, logCondition: String(t.logCondition) };
}

export function checkExclusionMode(v: unknown): string | undefined {
  if (v === undefined || v === null || v === "AUDIENCE_EXCLUSION_DURATION_MODE_UNSPECIFIED") return undefined;
  if (!EXCLUSION_MODES.has(String(v))) throw invalid(`exclusionDurationMode: invalid value "${String(v)}".`);
  return String(v);
}

export function checkFilterClauses(v: unknown): Json[] {
  if (!Array.isArray(v) || v.length === 0)
    throw invalid("filterClauses: at least one filter clause is required.");
  const clauses = v as Json[];
  clauses.forEach((c, i) => {
    const at = `filterClauses[${i}]`;
    if (!CLAUSE_TYPES.has(String(c.clauseType)))
      throw invalid(`${at}.clauseType: must be INCLUDE or EXCLUDE.`);
    const simple = c.simpleFilter as Json | undefined;
    const sequence = c.sequenceFilter as Json | undefined;
    if ((simple === undefined) === (sequence === undefined))
      throw invalid(`${at}: exactly one of simpleFilter and sequenceFilter must be set.`);
    if (simple) {
      if (!AUDIENCE_SCOPES.has(String(simple.scope)))
        throw invalid(`${at}.simpleFilter.scope: invalid value.`);
      checkTopLevel(simple.filterExpression, `${at}.simpleFilter.filterExpression`);
    } else {
      const steps = (sequence!.sequenceSteps as Json[] | undefined) ?? [];
      if (!AUDIENCE_SCOPES.has(String(sequence!.scope)))
        throw invalid(`${at}.sequenceFilter.scope: invalid value.`);
      if (steps.length === 0)
        throw invalid(`${at}.sequenceFilter.sequenceSteps: at least one step is required.`);
      for (const [j, s] of steps.entries())
        checkTopLevel(s.filterExpression, `${at}.sequenceFilter.sequenceSteps[${j}].filterExpression`);
    }
  });
  if (!clauses.some((c) => c.clauseType === "INCLUDE"))
    throw invalid("filterClauses: at least one INCLUDE clause is required.");
  return clauses;
}

function checkTopLevel(e: unknown, at: string): void {
  const x = e as Json | undefined;
  const group = x?.andGroup as Json | undefined;
  if (!group || !Array.isArray(group.filterExpressions) || group.filterExpressions.length === 0)
    throw invalid(`${at}: the top level expression must be a non-empty andGroup.`);
  (group.filterExpressions as Json[]).forEach((child, i) => {
    const or = child.orGroup as Json | undefined;
    if (!or || !Array.isArray(or.filterExpressions) || or.filterExpressions.length === 0)
      throw invalid(
        `${at}.andGroup.filterExpressions[${i}]: an andGroup may only contain non-empty orGroups.`,
      );
    for (const [j, leaf] of (or.filterExpressions as Json[]).entries())
      checkLeaf(leaf, `${at}.andGroup.filterExpressions[${i}].orGroup.filterExpressions[${j}]`);
  });
}

function checkLeaf(e: Json, at: string): void {
  if (e.andGroup !== undefined || e.orGroup !== undefined)
    throw invalid(`${at}: an orGroup cannot contain andGroup or orGroup expressions.`);
  const kinds = ["eventFilter", "dimensionOrMetricFilter", "notExpression"].filter((k) => e[k] !== undefined);
  if (kinds.length !== 1)
    throw invalid(`${at}: exactly one of eventFilter, dimensionOrMetricFilter, notExpression.`);
  if (e.eventFilter !== undefined) {
    const name = (e.eventFilter as Json).eventName;
    if (typeof name !== "string" || name === "")
      throw invalid(`${at}.eventFilter.eventName: The value is required.`);
  }
  if (e.dimensionOrMetricFilter !== undefined) {
    const name = (e.dimensionOrMetricFilter as Json).fieldName;
    if (typeof name !== "string" || name === "")
      throw invalid(`${at}.dimensionOrMetricFilter.fieldName: The value is required.`);
  }
}
