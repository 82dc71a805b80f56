// Proto enums of the Data API. The REST fallback of @google-analytics/data sends enums as
// integers (`$alt=json;enum-encoding=int`); other callers send names. We accept both and answer
// in the encoding the request asked for.

import { ApiError } from "../http/route.js";

export type EnumTable = Readonly<Record<string, number>>;

export const MatchType: EnumTable = {
  MATCH_TYPE_UNSPECIFIED: 0,
  EXACT: 1,
  BEGINS_WITH: 2,
  ENDS_WITH: 3,
  CONTAINS: 4,
  FULL_REGEXP: 5,
  PARTIAL_REGEXP: 6,
};

export const NumericOperation: EnumTable = {
  OPERATION_UNSPECIFIED: 0,
  EQUAL: 1,
  LESS_THAN: 2,
  LESS_THAN_OR_EQUAL: 3,
  GREATER_THAN: 4,
  GREATER_THAN_OR_EQUAL: 5,
};

export const OrderType: EnumTable = {
  ORDER_TYPE_UNSPECIFIED: 0,
  ALPHANUMERIC: 1,
  CASE_INSENSITIVE_ALPHANUMERIC: 2,
  NUMERIC: 3,
};

export const MetricAggregation: EnumTable = {
  METRIC_AGGREGATION_UNSPECIFIED: 0,
  TOTAL: 1,
  COUNT: 4,
  MINIMUM: 5,
  MAXIMUM: 6,
};

export const MetricType: EnumTable = {
  METRIC_TYPE_UNSPECIFIED: 0,
  TYPE_INTEGER: 1,
  TYPE_FLOAT: 2,
};

/** Enum name from a name or an integer; undefined stays undefined (proto default). */
export function enumName(table: EnumTable, value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && value in table) return value;
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  for (const [name, code] of Object.entries(table)) if (code === n) return name;
  throw new ApiError(400, "INVALID_ARGUMENT", `Invalid value at '${field}' (${String(value)})`);
}

/** How the caller wants enums answered. */
export function wantsIntEnums(query: URLSearchParams): boolean {
  return (query.get("$alt") ?? "").includes("enum-encoding=int");
}

export function encodeEnum(table: EnumTable, name: string, asInt: boolean): string | number {
  return asInt ? (table[name] ?? 0) : name;
}
