// GA4 date range expressions: YYYY-MM-DD, "today", "yesterday", "NdaysAgo", resolved against a
// configurable "now" (UTC days; the emulated property's time zone is UTC).

// The project's one date parser (report/period.ts), so the emulator rejects what the CLI rejects.
import { dayOf } from "../../report/period.js";
import { ApiError } from "../http/route.js";

export interface ResolvedRange {
  /** first and last day included, as days since 1970-01-01 */
  startDay: number;
  endDay: number;
  name: string;
}

function resolveDate(expr: string | undefined, now: Date, field: string): number {
  const day = expr === undefined ? undefined : dayOf(expr, now);
  if (day !== undefined) return day;
  throw new ApiError(
    400,
    "INVALID_ARGUMENT",
    `Invalid ${field}: '${expr ?? ""}'. Use YYYY-MM-DD, today, yesterday or NdaysAgo.`,
  );
}

export function resolveRanges(ranges: unknown, now: Date, required: boolean): ResolvedRange[] {
  const list = Array.isArray(ranges)
    ? (ranges as { startDate?: string; endDate?: string; name?: string }[])
    : [];
  if (list.length === 0 && required)
    throw new ApiError(400, "INVALID_ARGUMENT", "dateRanges: at least one date range is required.");
  if (list.length > 4)
    throw new ApiError(400, "INVALID_ARGUMENT", "dateRanges: at most 4 date ranges are allowed.");
  return list.map((r, i) => {
    const startDay = resolveDate(r.startDate, now, `dateRanges[${i}].startDate`);
    const endDay = resolveDate(r.endDate, now, `dateRanges[${i}].endDate`);
    if (startDay > endDay)
      throw new ApiError(400, "INVALID_ARGUMENT", `dateRanges[${i}]: startDate must not be after endDate.`);
    return { startDay, endDay, name: r.name || `date_range_${i}` };
  });
}
