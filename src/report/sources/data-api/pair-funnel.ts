// The one funnel request behind a pair's converters (pure): an open 2-step funnel micro → macro
// (macro within the window of the micro goal) evaluated in two user segments,
//   "did micro":       users with a micro-goal event in the range;
//   "never did micro": users excluded (permanently) for any micro-goal event in the range.
// In the first, users who continued from step 1 = convertedAfterMicro. In the second nobody can
// reach step 1, so step 2's users (open funnel: entered at the macro goal) = convertedWithoutMicro,
// measured as one GA4 count instead of a difference of two estimates (users(micro ∪ macro) −
// users(micro)), whose counting error would swamp a small baseline (docs/report.md).
// Range edge: a third step, the macro goal on the range's first `window` of days (open funnel:
// entered directly), counts in "never did micro" the converters whose micro goal may have been
// before `since`, outside the range — an upper bound the report states as a caveat.
import type { DateRange } from "../../model.js";
import { funnelStepFilter, type GoalSelection } from "./goal-filter.js";
import { type ReportLike, rowsOf } from "./responses.js";

const DAY_MS = 86_400_000;

/** YYYYMMDD of the range's first days: `windowSeconds` of them, rounded up, none past `until`. */
export function edgeDates(since: string, until: string, windowSeconds: number): string[] {
  const start = Date.parse(`${since}T00:00:00Z`);
  const end = Date.parse(`${until}T00:00:00Z`);
  const days = Math.max(1, Math.ceil(windowSeconds / 86400));
  const out: string[] = [];
  for (let k = 0; k < days && start + k * DAY_MS <= end; k++)
    out.push(new Date(start + k * DAY_MS).toISOString().slice(0, 10).replaceAll("-", ""));
  return out;
}

export const DID_MICRO = "did micro";
export const NEVER_MICRO = "never did micro";

/** The selection's events as a user-segment criteria (same event: event name and conditions). */
export function segmentCriteria(s: GoalSelection): Record<string, unknown> {
  const byName = { segmentEventFilter: { eventName: s.event } };
  const expression =
    s.fields.length === 0
      ? byName
      : {
          andGroup: {
            expressions: [
              byName,
              ...s.fields.map((f) => {
                const leaf = { segmentFilter: { fieldName: f.fieldName, stringFilter: f.stringFilter } };
                return f.negate ? { notExpression: leaf } : leaf;
              }),
            ],
          },
        };
  return {
    andConditionGroups: [
      { conditionScoping: "USER_CRITERIA_WITHIN_SAME_EVENT", segmentFilterExpression: expression },
    ],
  };
}

export function pairFunnelRequest(
  micro: GoalSelection,
  macro: GoalSelection,
  windowSeconds: number,
  range: DateRange,
  /** YYYY-MM-DD of since and until (the range may be relative: "28daysAgo") */
  resolved?: { since: string; until: string },
): Record<string, unknown> {
  const criteria = segmentCriteria(micro);
  const early = resolved ? edgeDates(resolved.since, resolved.until, windowSeconds) : [];
  return {
    dateRanges: [{ startDate: range.since, endDate: range.until }],
    funnel: {
      isOpenFunnel: true,
      steps: [
        { name: micro.event, filterExpression: funnelStepFilter(micro) },
        {
          name: macro.event,
          filterExpression: funnelStepFilter(macro),
          withinDurationFromPriorStep: { seconds: windowSeconds },
        },
        ...(early.length > 0 ? [edgeStep(macro, early)] : []),
      ],
    },
    segments: [
      { name: DID_MICRO, userSegment: { userInclusionCriteria: criteria } },
      {
        name: NEVER_MICRO,
        userSegment: {
          exclusion: { userExclusionDuration: "USER_EXCLUSION_PERMANENT", userExclusionCriteria: criteria },
        },
      },
    ],
    returnPropertyQuota: true,
  };
}

/** The macro goal on the given days (YYYYMMDD). */
function edgeStep(macro: GoalSelection, days: string[]): Record<string, unknown> {
  return {
    name: `${macro.event} early`,
    filterExpression: {
      andGroup: {
        expressions: [
          funnelStepFilter(macro),
          { funnelFieldFilter: { fieldName: "date", inListFilter: { values: days } } },
        ],
      },
    },
  };
}

/**
 * The pair's converters from the segmented funnelTable (0 when a row is missing or withheld);
 * `earlyWithoutMicro`: of those without the micro goal, the ones who converted on the first days.
 */
export function pairConverters(table: ReportLike): {
  afterMicro: number;
  withoutMicro: number;
  earlyWithoutMicro: number;
} {
  const segmentAt = (table.dimensionHeaders ?? []).findIndex((h) => h.name === "segment");
  let afterMicro = 0;
  let withoutMicro = 0;
  let earlyWithoutMicro = 0;
  // With funnelBreakdown (report --by) only the RESERVED_TOTAL rows are the whole pair.
  const valueAt = (table.dimensionHeaders ?? []).findIndex((h, i) => i > 0 && h.name !== "segment");
  for (const row of rowsOf(table)) {
    if (valueAt >= 0 && row.dims[valueAt] !== "RESERVED_TOTAL") continue;
    const step = Number.parseInt(row.dims[0] ?? "", 10);
    const segment = segmentAt < 0 ? undefined : row.dims[segmentAt];
    const users = row.metrics.activeUsers ?? 0;
    if (segment === DID_MICRO && step === 1)
      afterMicro = Math.max(0, users - (row.metrics.funnelStepAbandonments ?? 0));
    if (segment === NEVER_MICRO && step === 2) withoutMicro = users;
    if (segment === NEVER_MICRO && step === 3) earlyWithoutMicro = users;
  }
  return { afterMicro, withoutMicro, earlyWithoutMicro };
}
