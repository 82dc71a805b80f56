// Leaf filters of the Data API (StringFilter, InListFilter, NumericFilter, BetweenFilter) as
// plain predicates. Shared by report dimension/metric filters and funnel step filters.

import { ApiError } from "../http/route.js";
import { enumName, MatchType, NumericOperation } from "./enums.js";

export type StringPredicate = (value: string) => boolean;
export type NumberPredicate = (value: number) => boolean;

interface StringFilterBody {
  matchType?: unknown;
  value?: string;
  caseSensitive?: boolean;
}

interface InListFilterBody {
  values?: string[];
  caseSensitive?: boolean;
}

interface NumericValueBody {
  int64Value?: string | number;
  doubleValue?: number;
}

export function stringPredicate(f: StringFilterBody, field: string): StringPredicate {
  const type = enumName(MatchType, f.matchType, `${field}.matchType`) ?? "EXACT";
  const cs = f.caseSensitive === true;
  const want = cs ? (f.value ?? "") : (f.value ?? "").toLowerCase();
  const norm = (v: string) => (cs ? v : v.toLowerCase());
  switch (type) {
    case "MATCH_TYPE_UNSPECIFIED":
    case "EXACT":
      return (v) => norm(v) === want;
    case "BEGINS_WITH":
      return (v) => norm(v).startsWith(want);
    case "ENDS_WITH":
      return (v) => norm(v).endsWith(want);
    case "CONTAINS":
      return (v) => norm(v).includes(want);
    case "FULL_REGEXP": {
      const re = compileRegex(`^(?:${f.value ?? ""})$`, cs, field);
      return (v) => re.test(v);
    }
    default: {
      const re = compileRegex(f.value ?? "", cs, field);
      return (v) => re.test(v);
    }
  }
}

function compileRegex(source: string, caseSensitive: boolean, field: string): RegExp {
  try {
    return new RegExp(source, caseSensitive ? "u" : "iu");
  } catch {
    throw new ApiError(400, "INVALID_ARGUMENT", `Invalid regular expression in ${field}: ${source}`);
  }
}

export function inListPredicate(f: InListFilterBody): StringPredicate {
  const cs = f.caseSensitive === true;
  const set = new Set((f.values ?? []).map((v) => (cs ? v : v.toLowerCase())));
  return (v) => set.has(cs ? v : v.toLowerCase());
}

export function numericValue(v: NumericValueBody | undefined): number {
  if (!v) return 0;
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  return Number(v.int64Value ?? 0);
}

export function numericPredicate(
  f: { operation?: unknown; value?: NumericValueBody },
  field: string,
): NumberPredicate {
  const op = enumName(NumericOperation, f.operation, `${field}.operation`) ?? "EQUAL";
  const x = numericValue(f.value);
  switch (op) {
    case "LESS_THAN":
      return (v) => v < x;
    case "LESS_THAN_OR_EQUAL":
      return (v) => v <= x;
    case "GREATER_THAN":
      return (v) => v > x;
    case "GREATER_THAN_OR_EQUAL":
      return (v) => v >= x;
    default:
      return (v) => v === x;
  }
}

export function betweenPredicate(f: {
  fromValue?: NumericValueBody;
  toValue?: NumericValueBody;
}): NumberPredicate {
  const lo = numericValue(f.fromValue);
  const hi = numericValue(f.toValue);
  return (v) => v >= lo && v <= hi;
}
