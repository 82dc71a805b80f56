// GA4 date expressions ("28daysAgo", "yesterday", "today", "2024-05-01") resolved to calendar days in
// UTC. The one parser for the project: history periods, export table names and the emulator's Data
// API all use it, so they accept and reject the same dates (2024-02-31 is not one). GA4 uses the
// property's time zone, so a run near midnight may be a day off; ordering is unaffected.

const DAY_MS = 86_400_000;
const DAYS_AGO = /^(\d+)daysAgo$/;
/** A date written YYYY-MM-DD (a real day or not: dayOf checks that). */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC), or undefined when the expression is not a valid date. */
export function dayOf(expression: string, now: Date): number | undefined {
  const today = Math.floor(now.getTime() / DAY_MS);
  if (expression === "today") return today;
  if (expression === "yesterday") return today - 1;
  const ago = DAYS_AGO.exec(expression);
  if (ago) return today - Number(ago[1]);
  const iso = ISO_DATE.exec(expression);
  if (!iso) return undefined;
  const t = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  // Date.UTC rolls 2024-02-31 over to March: only a date that round-trips is real.
  return !Number.isNaN(t) && isoOf(t / DAY_MS) === expression ? t / DAY_MS : undefined;
}

/** The expression as YYYY-MM-DD; throws on an invalid one. */
export function resolveDate(expression: string, now: Date): string {
  const day = dayOf(expression, now);
  if (day === undefined)
    throw new Error(`unknown date expression "${expression}" (use YYYY-MM-DD, today, yesterday or NdaysAgo)`);
  return isoOf(day);
}

/** Days since 1970-01-01 as YYYY-MM-DD. */
function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
