// Funnel `segments` (runFunnelReport v1alpha) of the user kind: which users a segment keeps, from
// their events in the report's date ranges. Supported: userInclusionCriteria and
// exclusion.userExclusionCriteria made of andConditionGroups whose segmentFilterExpression uses
// segmentFilter (any dimension) and segmentEventFilter (event name), scoped within the same event,
// the same session or across all sessions. Sequence groups, parameter filters and session/event
// segments answer 400 rather than a wrong number. An exclusion of either duration removes the user
// from the whole report (a funnel report has no later period for a temporary exclusion to end in).

import { ApiError } from "../http/route.js";
import { dimensionAccessor } from "./dimensions.js";
import type { EnumTable } from "./enums.js";
import { enumName } from "./enums.js";
import { cachedTest, valueTest } from "./event-filter.js";
import type { EventColumns, EventStore } from "./event-store.js";
import { compileExpression, type Predicate } from "./filter-expression.js";

const UserCriteriaScoping: EnumTable = {
  USER_CRITERIA_SCOPING_UNSPECIFIED: 0,
  USER_CRITERIA_WITHIN_SAME_EVENT: 1,
  USER_CRITERIA_WITHIN_SAME_SESSION: 2,
  USER_CRITERIA_ACROSS_ALL_SESSIONS: 3,
};
const UserExclusionDuration: EnumTable = {
  USER_EXCLUSION_DURATION_UNSPECIFIED: 0,
  USER_EXCLUSION_TEMPORARY: 1,
  USER_EXCLUSION_PERMANENT: 2,
};

interface SegmentBody {
  name?: string;
  userSegment?: {
    userInclusionCriteria?: CriteriaBody;
    exclusion?: { userExclusionDuration?: unknown; userExclusionCriteria?: CriteriaBody };
  };
  sessionSegment?: unknown;
  eventSegment?: unknown;
}
interface CriteriaBody {
  andConditionGroups?: { conditionScoping?: unknown; segmentFilterExpression?: unknown }[];
  andSequenceGroups?: unknown[];
}

/** A compiled segment: does the user with these (time-ordered, in-range) events belong to it? */
export interface UserSegment {
  name: string;
  keeps(events: readonly number[]): boolean;
}

export function compileSegments(raw: unknown[], store: EventStore, cols: EventColumns): UserSegment[] {
  return raw.map((r, k) => {
    const b = (r ?? {}) as SegmentBody;
    const path = `segments[${k}]`;
    if (!b.userSegment) {
      throw new ApiError(
        400,
        "INVALID_ARGUMENT",
        `${path}: only userSegment is supported by the microgoals emulator.`,
      );
    }
    const include = b.userSegment.userInclusionCriteria
      ? criteria(
          b.userSegment.userInclusionCriteria,
          store,
          cols,
          `${path}.userSegment.userInclusionCriteria`,
        )
      : undefined;
    const ex = b.userSegment.exclusion;
    if (ex) enumName(UserExclusionDuration, ex.userExclusionDuration, `${path}.userSegment.exclusion`);
    const exclude = ex?.userExclusionCriteria
      ? criteria(ex.userExclusionCriteria, store, cols, `${path}.userSegment.exclusion.userExclusionCriteria`)
      : undefined;
    if (!include && !exclude) {
      throw new ApiError(
        400,
        "INVALID_ARGUMENT",
        `${path}.userSegment: set inclusion or exclusion criteria.`,
      );
    }
    return {
      // GA4 names unnamed segments by position.
      name: b.name || `Segment ${k + 1}`,
      keeps: (events) => (!include || include(events)) && !(exclude?.(events) ?? false),
    };
  });
}

/** All condition groups must hold (andConditionGroups), each within its scope. */
function criteria(
  c: CriteriaBody,
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<readonly number[]> {
  if (c.andSequenceGroups && c.andSequenceGroups.length > 0) {
    throw new ApiError(
      400,
      "INVALID_ARGUMENT",
      `${path}.andSequenceGroups are not supported by the microgoals emulator.`,
    );
  }
  const groups = (c.andConditionGroups ?? []).map((g, i) => {
    const p = `${path}.andConditionGroups[${i}]`;
    const scope =
      enumName(UserCriteriaScoping, g.conditionScoping, `${p}.conditionScoping`) ??
      "USER_CRITERIA_WITHIN_SAME_EVENT";
    const holds = setExpression(g.segmentFilterExpression, store, cols, `${p}.segmentFilterExpression`);
    return scoped(scope, holds, cols);
  });
  if (groups.length === 0) throw new ApiError(400, "INVALID_ARGUMENT", `${path}: no andConditionGroups.`);
  return (events) => groups.every((g) => g(events));
}

function scoped(
  scope: string,
  holds: Predicate<readonly number[]>,
  cols: EventColumns,
): Predicate<readonly number[]> {
  if (scope === "USER_CRITERIA_ACROSS_ALL_SESSIONS") return holds;
  if (scope === "USER_CRITERIA_WITHIN_SAME_SESSION") {
    return (events) => {
      const bySession = new Map<number, number[]>();
      for (const i of events) {
        const s = cols.session[i] as number;
        const list = bySession.get(s);
        if (list) list.push(i);
        else bySession.set(s, [i]);
      }
      for (const list of bySession.values()) if (holds(list)) return true;
      return false;
    };
  }
  const one: number[] = [0];
  return (events) => {
    for (const i of events) {
      one[0] = i;
      if (holds(one)) return true;
    }
    return false;
  };
}

/**
 * The expression over a set of events: a leaf holds when some event of the set matches it, and
 * and/or/not combine those verdicts (so scoping decides which set the leaves may draw from).
 */
function setExpression(
  expr: unknown,
  store: EventStore,
  cols: EventColumns,
  path: string,
): Predicate<readonly number[]> {
  if (!expr) throw new ApiError(400, "INVALID_ARGUMENT", `${path} is required.`);
  return compileExpression<readonly number[]>(
    expr,
    ["segmentFilter", "segmentEventFilter"],
    (key, body) => {
      const matches = eventLeaf(key, body, store, cols, path);
      return (events) => events.some(matches);
    },
    path,
  );
}

function eventLeaf(
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
  if (body.segmentParameterFilterExpression) {
    throw new ApiError(
      400,
      "INVALID_ARGUMENT",
      `${path}: segmentParameterFilterExpression is not supported by the microgoals emulator.`,
    );
  }
  const name = body.eventName as string | undefined;
  if (name === undefined) return () => true;
  const id = store.strings.find(name);
  return (i) => cols.event[i] === id;
}
