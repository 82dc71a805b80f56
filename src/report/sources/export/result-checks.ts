// Shared by both runners: turn engine rows into ResultRow and refuse a report over missing days.
import { UserError } from "../../../errors.js";
import { resultColumns } from "./analysis-query.js";
import { utcDayMs } from "./calendar-date.js";
import type { ResultRow } from "./read-result.js";

/** Engine values (bigint, number, string, null, BigQuery's {value}) → plain ResultRow. */
export function toRows(raw: Record<string, unknown>[]): ResultRow[] {
  return raw.map((r) => {
    const row: Record<string, unknown> = {};
    for (const c of resultColumns) {
      const v = r[c];
      const plain = v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
      if (c === "section" || c === "a" || c === "b")
        row[c] = plain === null || plain === undefined ? null : String(plain);
      else row[c] = plain === null || plain === undefined ? null : Number(plain);
    }
    return row as unknown as ResultRow;
  });
}

/** Days (YYYYMMDD) from start to end inclusive, in UTC calendar arithmetic. */
export function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = utcDayMs(start); t <= utcDayMs(end); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10).replaceAll("-", ""));
  return out;
}

/**
 * Every day of the range must have events: a missing or empty day would silently shrink every
 * count. With allowGaps the report goes on and the gap is returned as a note to show.
 */
export function checkDays(
  rows: ResultRow[],
  start: string,
  end: string,
  allowGaps: boolean,
  where: string,
): string[] {
  const seen = new Set(rows.filter((r) => r.section === "day" && (r.n1 ?? 0) > 0).map((r) => r.a));
  const missing = daysBetween(start, end).filter((d) => !seen.has(d));
  if (missing.length === 0) return [];
  const list =
    missing.length > 5
      ? `${missing.slice(0, 5).join(", ")} and ${missing.length - 5} more`
      : missing.join(", ");
  if (seen.size === 0)
    throw new UserError(
      `no events between ${start} and ${end} ${where}`,
      1,
      "Check the date range (--since/--until) against the export's days.",
    );
  if (!allowGaps)
    throw new UserError(
      `no events on ${list} ${where}: the report would undercount`,
      1,
      "Add the missing days, narrow --since/--until, or pass --allow-gaps to report with the gap shown.",
    );
  return [`no events on ${list}: counts cover the other days only`];
}
