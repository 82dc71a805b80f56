// A report names its days: "2026-10-31 → 2026-11-27", never "28daysAgo → today", which means a
// different range every day it is read. Relative expressions are resolved the way GA4 resolves
// them: in the property's time zone (the Data API reports it in each response's metadata), UTC when
// the source names none (the export sources already answer with calendar days).
import type { DateRange } from "./model.js";
import { ISO_DATE, resolveDate } from "./period.js";

/** The calendar day of `now` in `timeZone` (an IANA name), as a Date at that day's UTC midnight. */
export function dayIn(now: Date, timeZone: string): Date {
  // Intl loads ICU's time-zone data on first use (~25 ms of a cold report); UTC needs none of it.
  if (timeZone === "UTC")
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(now);
  } catch {
    return now; // a zone this runtime does not know: UTC, as for sources that name none
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part("year"), part("month") - 1, part("day")));
}

/** since/until as YYYY-MM-DD; an expression that is not a date stays as written. */
export function absoluteDateRange(range: DateRange, now: Date, timeZone = "UTC"): DateRange {
  let today: Date | undefined;
  const resolve = (expression: string) => {
    // A calendar date is given back as written, or refused and kept as written: it needs no today
    // (the export sources answer with calendar dates; their time zone is never looked up).
    if (ISO_DATE.test(expression)) return expression;
    today ??= dayIn(now, timeZone);
    try {
      return resolveDate(expression, today);
    } catch {
      return expression;
    }
  };
  const since = resolve(range.since);
  const until = resolve(range.until);
  const relative = since !== range.since || until !== range.until;
  return { since, until, ...(relative ? { timeZone } : {}) };
}
