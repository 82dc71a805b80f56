// The Data API requests discovery needs (pure). The API cannot hash user ids, so the user-level
// split it can express is the parity of the user's `firstSessionDate` (a user-scoped dimension):
// an even day of the month → discovery half, odd → confirmation half. Per candidate one funnel
// "candidate → macro within the window" with four user segments (each half, and each half's
// converters) gives doers, converted-after and doer-converters per half; when the window is shorter
// than the date range a second funnel without a window gives the converters who did it before.
import type { CandidateDefinition } from "../../discover/candidate.js";

export const DISCOVERY_HALF = "discovery";
export const CONFIRMATION_HALF = "confirmation";
export const SPLIT_DESCRIPTION =
  "firstSessionDate parity: users whose first session fell on an even day of the month rank (discovery), odd days confirm (Benjamini–Hochberg)";

/** firstSessionDate is YYYYMMDD: the last digit's parity is the day of the month's. */
const PARITY = { discovery: "\\d{7}[02468]", confirmation: "\\d{7}[13579]" } as const;
export type Half = keyof typeof PARITY;

export function halfOfFirstSessionDate(yyyymmdd: string): Half | undefined {
  if (new RegExp(`^${PARITY.discovery}$`).test(yyyymmdd)) return "discovery";
  if (new RegExp(`^${PARITY.confirmation}$`).test(yyyymmdd)) return "confirmation";
  return undefined;
}

const range = (since: string, until: string) => [{ startDate: since, endDate: until }];
const exact = (fieldName: string, value: string) => ({
  fieldName,
  stringFilter: { matchType: "EXACT", value, caseSensitive: true },
});

/** Users and events per event name: the candidate events and the property's event count. */
export function eventInventory(since: string, until: string): Record<string, unknown> {
  return {
    dateRanges: range(since, until),
    dimensions: [{ name: "eventName" }],
    metrics: [{ name: "totalUsers" }, { name: "eventCount" }],
    limit: 250000,
    returnPropertyQuota: true,
  };
}

/** Users per event × value of a dimension (pagePath, customEvent:<param>). */
export function valueInventory(dimension: string, since: string, until: string): Record<string, unknown> {
  return {
    dateRanges: range(since, until),
    dimensions: [{ name: "eventName" }, { name: dimension }],
    metrics: [{ name: "totalUsers" }],
    limit: 250000,
    returnPropertyQuota: true,
  };
}

/** Users per firstSessionDate (optionally only those who did `event`): each half's totals. */
export function halfTotals(since: string, until: string, event?: string): Record<string, unknown> {
  return {
    dateRanges: range(since, until),
    dimensions: [{ name: "firstSessionDate" }],
    metrics: [{ name: "totalUsers" }],
    ...(event ? { dimensionFilter: { filter: exact("eventName", event) } } : {}),
    limit: 250000,
    returnPropertyQuota: true,
  };
}

/** The parameter a Data API dimension carries, as the files source names it. */
export function dimensionOfParam(param: string): string {
  return param === "page_path" ? "pagePath" : `customEvent:${param}`;
}

/** A candidate's events as a funnel step filter (FunnelFilterExpression). */
export function candidateStep(d: CandidateDefinition): Record<string, unknown> {
  const byName = { funnelEventFilter: { eventName: d.event } };
  if (!d.param || d.value === undefined) return byName;
  const field = dimensionOfParam(d.param);
  // A page path candidate is the first path segment ("/pricing"): that page or any page under it
  // ("/" is the root, and paths like "//x" whose first segment is empty).
  const value =
    d.param === "page_path"
      ? {
          orGroup: {
            expressions: [
              { funnelFieldFilter: exact(field, d.value) },
              {
                funnelFieldFilter: {
                  fieldName: field,
                  stringFilter: { matchType: "BEGINS_WITH", value: `${d.value}/`, caseSensitive: true },
                },
              },
            ],
          },
        }
      : { funnelFieldFilter: exact(field, d.value) };
  return { andGroup: { expressions: [byName, value] } };
}

function segment(name: string, half: Half, convertedEvent?: string): Record<string, unknown> {
  const groups: Record<string, unknown>[] = [
    {
      conditionScoping: "USER_CRITERIA_ACROSS_ALL_SESSIONS",
      segmentFilterExpression: {
        segmentFilter: {
          fieldName: "firstSessionDate",
          stringFilter: { matchType: "FULL_REGEXP", value: PARITY[half], caseSensitive: true },
        },
      },
    },
  ];
  if (convertedEvent)
    groups.push({
      conditionScoping: "USER_CRITERIA_ACROSS_ALL_SESSIONS",
      segmentFilterExpression: { segmentEventFilter: { eventName: convertedEvent } },
    });
  return { name, userSegment: { userInclusionCriteria: { andConditionGroups: groups } } };
}

/** Segment order in candidateFunnel's answer (the `segment` dimension is "k. name"). */
export const SEGMENTS = [
  { half: "discovery", converters: false },
  { half: "confirmation", converters: false },
  { half: "discovery", converters: true },
  { half: "confirmation", converters: true },
] as const;

export function segmentName(s: (typeof SEGMENTS)[number]): string {
  return s.converters ? `${s.half} converters` : s.half;
}

/**
 * Closed funnel candidate → macro (within `windowSeconds`, or unbounded when undefined), evaluated
 * in each half and, when `withConverters`, in each half's converters.
 */
export function candidateFunnel(
  d: CandidateDefinition,
  macroEvent: string,
  windowSeconds: number | undefined,
  withConverters: boolean,
  since: string,
  until: string,
): Record<string, unknown> {
  const segments = SEGMENTS.filter((s) => withConverters || !s.converters).map((s) =>
    segment(segmentName(s), s.half, s.converters ? macroEvent : undefined),
  );
  return {
    dateRanges: range(since, until),
    funnel: {
      isOpenFunnel: false,
      steps: [
        { name: "candidate", filterExpression: candidateStep(d) },
        {
          name: macroEvent,
          filterExpression: { funnelEventFilter: { eventName: macroEvent } },
          ...(windowSeconds !== undefined ? { withinDurationFromPriorStep: { seconds: windowSeconds } } : {}),
        },
      ],
    },
    segments,
    returnPropertyQuota: true,
  };
}

/** Page path candidate value: the first path segment, as the files source reads page_location. */
export function firstSegment(pagePath: string): string | undefined {
  return /^(\/[^/?#]*)/.exec(pagePath)?.[1];
}
