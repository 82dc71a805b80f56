// Funnel report segments (v1alpha Segment): user segments whose inclusion criteria are condition
// groups, scoped within one event or across all of a user's events in the date ranges. A funnel
// with segments is evaluated once per segment, over the users the segment holds. Sequence groups,
// exclusions, session and event segments answer 400 (not emulated), never a silent wrong count.

import { ApiError } from "../http/route.js";
import { dimensionAccessor } from "./dimensions.js";
import { enumName } from "./enums.js";
import { cachedTest, valueTest } from "./event-filter.js";
import type { EventColumns, EventStore } from "./event-store.js";
import { compileExpression, type Predicate } from "./filter-expression.js";

export const MAX_SEGMENTS = 4;

const UserCriteriaScoping = {
  USER_CRITERIA_SCOPING_UNSPECIFIED: 0,
  USER_CRITERIA_WITHIN_SAME_EVENT: 1,
  USER_CRITERIA_WITHIN_SAME_SESSION: 2,
  USER_CRITERIA_ACROSS_ALL_SESSIONS: 3,
} as const;

export interface UserSegmentTest {
  /** the `segment` dimension's value: "1. name" */
  label: string;
  /** does the user with these events (indexes, in time order) belong to the segment? */
  holds(events: readonly number[]): boolean;
}

interface SegmentBody {
  name?: string;
  userSegment?: {
    userInclusionCriteria?: {
      andConditionGroups?: { conditionScoping?: unknown; segmentFilterExpression?: unknown }[];
      andSequenceGroups?: unknown[];
    };
    exclusion?: unknown;
  };
  sessionSegment?: unknown;
  eventSegment?: unknown;
}

const notEmulated = (what: string) =>
  new ApiError(400, "INVALID_ARGUMENT", `${what} is not supported by the microgoals emulator.`);

export function compileSegments(
  raw: unknown[] | undefined,
  store: EventStore,
  cols: EventColumns,
): UserSegmentTest[] {
  const bodies = (raw ?? []) as SegmentBody[];
  if (bodies.length > MAX_SEGMENTS)
    throw new ApiError(400, "INVALID_ARGUMENT", `Requests are limited to ${MAX_SEGMENTS} segments.`);
  return bodies.map((b, s) => {
    const path = `segments[${s}]`;
    if (b.sessionSegment || b.eventSegment) throw notEmulated(`${path}: session and event segments`);
    if (!b.userSegment)
      throw new ApiError(400, "INVALID_ARGUMENT", `${path}: a segment must set one segment scope.`);
    if (b.userSegment.exclusion) throw notEmulated(`${path}.userSegment.exclusion`);
    const criteria = b.userSegment.userInclusionCriteria;
    if ((criteria?.andSequenceGroups ?? []).length > 0)
      throw notEmulated(`${path}.userSegment.userInclusionCriteria.andSequenceGroups`);
    const groups = (criteria?.andConditionGroups ?? []).map((g, k) =>
      conditionGroup(g, store, cols, `${path}.userSegment.userInclusionCriteria.andConditionGroups[${k}]`),
    );
    if (groups.length === 0)
      throw new ApiError(400, "INVALID_ARGUMENT", `${path}: userInclusionCriteria must set a condition.`);
    return {
      label: `${s + 1}. ${b.name || "Segment"}`,
      holds: (events) => groups.every((g) => g(events)),
    };
  });
}

function conditionGroup(
  g: { conditionScoping?: unknown; segmentFilterExpression?: unknown },
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<readonly number[]> {
  const scoping =
    enumName(UserCriteriaScoping, g.conditionScoping, `${path}.conditionScoping`) ??
    "USER_CRITERIA_ACROSS_ALL_SESSIONS";
  const expr = `${path}.segmentFilterExpression`;
  if (scoping === "USER_CRITERIA_WITHIN_SAME_SESSION") throw notEmulated(`${path}: WITHIN_SAME_SESSION`);
  if (scoping === "USER_CRITERIA_WITHIN_SAME_EVENT") {
    // One event must satisfy the whole expression.
    const one = compileExpression<number>(g.segmentFilterExpression, LEAVES, (k, body) =>
      leaf(k, body, store, cols, expr),
    );
    return (events) => events.some(one);
  }
  // Across all sessions: each leaf may be satisfied by a different event of the user.
  return compileExpression<readonly number[]>(
    g.segmentFilterExpression,
    LEAVES,
    (k, body) => {
      const p = leaf(k, body, store, cols, expr);
      return (events) => events.some(p);
    },
    expr,
  );
}

const LEAVES = ["segmentFilter", "segmentEventFilter"] as const;

function leaf(
  key: string,
  body: Record<string, unknown>,
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<number> {
  if (key === "segmentFilter") {
    const field = String(body.fieldName ?? "");
    return cachedTest(dimensionAccessor(field, store, cols), valueTest(body, `${path}.${field}`));
  }
  if (body.segmentParameterFilterExpression)
    throw notEmulated(`${path}.segmentEventFilter.segmentParameterFilterExpression`);
  const name = body.eventName as string | undefined;
  if (name === undefined) return () => true;
  const id = store.strings.find(name);
  return (i) => cols.event[i] === id;
}
