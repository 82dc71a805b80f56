// event_date is the day an export row belongs to, as GA4 writes it: YYYYMMDD. Anything else (a
// spreadsheet's "2024-05-02", a formula like "=cmd|…", "+1", an empty string, no field at all)
// would be compared as text against the report's range and silently move rows out of (or into)
// it, or end the run as an internal error. So the files are checked first, and the first bad row
// is named by file and row (for NDJSON, its line number, so an editor can jump to it).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserError } from "../../../errors.js";
import { printable } from "../../../terminal-text.js";
import type { ExportFiles } from "../files/export-files.js";
import { duckdb } from "./dialect.js";

const validSql =
  "event_date IS NOT NULL AND regexp_full_match(event_date, '[0-9]{8}') AND try_strptime(event_date, '%Y%m%d') IS NOT NULL";

/** Whether a value is a calendar day written YYYYMMDD (the JS twin of validSql). */
export function isExportDate(value: unknown): boolean {
  const s = typeof value === "number" ? String(value) : value;
  if (typeof s !== "string" || !/^\d{8}$/.test(s)) return false;
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * The files' days (sorted, distinct), after checking them: one cheap pass over the few distinct
 * values; the row-by-row search that names the first bad row runs only when one is bad.
 */
export async function checkEventDates(conn: DuckDBConnection, files: ExportFiles): Promise<string[]> {
  const stated = statedDays(files);
  if (stated) return stated;
  const list = `[${files.files.map(duckdb.str).join(", ")}]`;
  const distinct =
    files.format === "parquet"
      ? `SELECT DISTINCT CAST(event_date AS VARCHAR) AS d FROM read_parquet(${list}, union_by_name = true)`
      : `SELECT DISTINCT event_date AS d FROM read_json(${list}, format = 'newline_delimited', columns = {event_date: 'VARCHAR'})`;
  const days = (await conn.runAndReadAll(distinct)).getRowObjectsJS().map((r) => r.d);
  if (days.every(isExportDate)) return days.map(String).sort();
  const sql =
    files.format === "parquet"
      ? `SELECT filename, file_row_number AS row, event_date FROM (SELECT filename, file_row_number, CAST(event_date AS VARCHAR) AS event_date FROM read_parquet(${list}, union_by_name = true, filename = true, file_row_number = true)) WHERE NOT (${validSql}) LIMIT 1`
      : `SELECT filename, NULL AS row, event_date FROM read_json(${list}, format = 'newline_delimited', columns = {event_date: 'VARCHAR'}, filename = true) WHERE NOT (${validSql}) LIMIT 1`;
  const bad = (await conn.runAndReadAll(sql)).getRowObjectsJS()[0];
  if (!bad) return days.filter(isExportDate).map(String).sort();
  const file = String(bad.filename);
  const value = bad.event_date === null ? undefined : String(bad.event_date);
  const where =
    files.format === "parquet"
      ? `${file}: row ${Number(bad.row) + 1}`
      : await ndjsonLocation(file).then((line) => (line === undefined ? file : `${file}:${line}`));
  throw new UserError(
    `${where}: ${value === undefined ? "no event_date" : `event_date ${quote(value)} is not a day written YYYYMMDD`}`,
    1,
    "GA4 exports write event_date as YYYYMMDD (e.g. 20240501); fix or drop the row, or export the day again (a spreadsheet may have reformatted it).",
  );
}

/**
 * The days the Parquet footers prove, or undefined: every row group states one valid day as both its
 * least and greatest event_date and no NULLs (a GA4 export writes a file per day). Statistics are
 * bounds on every value, so equal bounds mean every row holds that day; anything less certain (a
 * row group spanning days, statistics missing, a bad value) leaves it to the scan.
 */
export function statedDays(files: ExportFiles): string[] | undefined {
  const stats = files.dateStats;
  if (!stats || stats.length === 0) return undefined;
  const days = new Set<string>();
  for (const { lo, hi, nulls } of stats) {
    if (lo === null || lo !== hi || nulls !== 0 || !isExportDate(lo)) return undefined;
    days.add(lo);
  }
  return [...days].sort();
}

/** The line number of the first row with a bad event_date (undefined if the file changed meanwhile). */
async function ndjsonLocation(file: string): Promise<number | undefined> {
  const raw = createReadStream(file);
  const input = file.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === "") continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        continue; // DuckDB read it, so this is not the row it meant
      }
      if (!isExportDate((row as { event_date?: unknown } | null)?.event_date)) return n;
    }
  } finally {
    lines.close();
    raw.destroy();
  }
  return undefined;
}

function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return JSON.stringify(printable(shown));
}
