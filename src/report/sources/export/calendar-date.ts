// The export's tables are named by calendar day, so its sources resolve GA4 date expressions
// themselves (the Data API resolves them server-side).
import { UsageError } from "../../../errors.js";
import { DATE_HINT } from "../../date-range-check.js";
import { resolveDate } from "../../period.js";

/** A GA4 date expression as YYYY-MM-DD (UTC); a usage error naming the flag when it is not one. */
export function calendarDate(flag: string, expression: string, now: Date): string {
  try {
    return resolveDate(expression, now);
  } catch {
    throw new UsageError(`${flag} ${expression} is not a date`, DATE_HINT);
  }
}

export const DAY_MICROS = 86_400_000_000;

/** Midnight UTC of a YYYYMMDD day, in ms since the epoch. */
export function utcDayMs(yyyymmdd: string): number {
  return Date.UTC(
    Number(yyyymmdd.slice(0, 4)),
    Number(yyyymmdd.slice(4, 6)) - 1,
    Number(yyyymmdd.slice(6, 8)),
  );
}
