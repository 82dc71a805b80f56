// Audiences → GA4 Admin (v1alpha) Audience bodies: an INCLUDE clause "any of the did goals' events"
// across all sessions and, with `not`, an EXCLUDE clause for those goals' events (temporary: a
// visitor is out while the exclusion holds within the membership window). Each filter expression is
// GA4's required shape, an andGroup of one orGroup of event filters. The ownership marker (key and
// content hash) ends the description, as with custom dimensions: audiences have no notes.
import type { AudienceSpec, Goal, Project } from "../project/model.js";
import type { DesiredAudience } from "./desired-state.js";
import { contentHash, machineLine, parseMarker } from "./ownership.js";

const SCOPE = "AUDIENCE_FILTER_SCOPE_ACROSS_ALL_SESSIONS";

export function audienceKey(id: string): string {
  return `audience:${id}`;
}

export function eventsClause(clauseType: "INCLUDE" | "EXCLUDE", events: string[]): Record<string, unknown> {
  const filterExpressions = events.map((eventName) => ({ eventFilter: { eventName } }));
  return {
    clauseType,
    simpleFilter: {
      scope: SCOPE,
      filterExpression: { andGroup: { filterExpressions: [{ orGroup: { filterExpressions } }] } },
    },
  };
}

/** The fields the hash covers: everything GA4 stores for us, the description without its marker. */
export function audienceContent(a: {
  displayName: string;
  description: string;
  membershipDurationDays: number;
  exclusionDurationMode?: string;
  filterClauses: unknown[];
}): Record<string, unknown> {
  return {
    displayName: a.displayName,
    description: humanDescription(a.description),
    membershipDurationDays: a.membershipDurationDays,
    ...(a.exclusionDurationMode ? { exclusionDurationMode: a.exclusionDurationMode } : {}),
    filterClauses: a.filterClauses,
  };
}

/** The description without the machine line microgoals appends. */
export function humanDescription(description: string): string {
  return parseMarker(description)
    ? description.replace(/\n?microgoals:v1 key=\S+ hash=[0-9a-f]+\s*$/, "")
    : description;
}

export function audiences(project: Pick<Project, "goals" | "audiences">): DesiredAudience[] {
  const eventOf = new Map(project.goals.map((g: Goal) => [g.id, g.event]));
  const events = (ids: string[]) => [...new Set(ids.map((id) => eventOf.get(id) ?? id))].sort();
  return [...(project.audiences ?? [])]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a: AudienceSpec): DesiredAudience => {
      const key = audienceKey(a.id);
      const body = {
        displayName: a.title,
        description: a.description ?? a.title,
        membershipDurationDays: a.membershipDays,
        ...(a.not.length > 0 ? { exclusionDurationMode: "EXCLUDE_TEMPORARILY" as const } : {}),
        filterClauses: [
          eventsClause("INCLUDE", events(a.did)),
          ...(a.not.length > 0 ? [eventsClause("EXCLUDE", events(a.not))] : []),
        ],
      };
      const hash = contentHash(audienceContent(body));
      return {
        key,
        ...body,
        description: `${body.description}\n${machineLine(key, hash)}`,
        hash,
        goals: [...new Set([...a.did, ...a.not])].sort(),
      };
    });
}
