// GA4 date expressions ("28daysAgo", "yesterday", "today", "2024-05-01") resolved to calendar dates,
// so history entries from different runs can be ordered and compared. Resolved in UTC: GA4 uses
// the property's time zone, so a run near midnight may be a day off; ordering is unaffected.

const DAYS_AGO = /^(\d+)daysAgo$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function resolveDate(expression: string, now: Date): string {
  if (ISO_DATE.test(expression)) return expression;
  const day = 86_400_000;
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (expression === "today") return iso(midnight);
  if (expression === "yesterday") return iso(midnight - day);
  const m = DAYS_AGO.exec(expression);
  if (m) return iso(midnight - Number(m[1]) * day);
  throw new Error(`unknown date expression "${expression}" (use YYYY-MM-DD, today, yesterday or NdaysAgo)`);
}

export function resolvePeriod(
  period: { since: string; until: string },
  now: Date,
): { since: string; until: string } {
  return { since: resolveDate(period.since, now), until: resolveDate(period.until, now) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
