// GA4 export files on disk (Parquet or newline-delimited JSON, as `bq extract` writes them): glob
// expansion and the checks that make bad input a one-line error instead of a wrong report.
import { stat } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserError } from "../../../errors.js";
import type { RowSource } from "../export/analysis-query.js";
import { duckdb } from "../export/dialect.js";

export type ExportFormat = "parquet" | "ndjson";

export interface ExportFiles {
  files: string[];
  format: ExportFormat;
  source: RowSource;
  /** the files' size on disk, summed */
  bytes: number;
  /**
   * Parquet: each row group's event_date statistics (footers only, read with the schema), from
   * which the files' days can be known without a scan (event-dates.ts).
   */
  dateStats?: DateStats[];
}

/** A row group's event_date statistics as its footer states them (null: not stated). */
export interface DateStats {
  lo: string | null;
  hi: string | null;
  nulls: number | null;
}

/** Columns every GA4 export table has and the analysis reads. */
export const requiredColumns = [
  "event_date",
  "event_timestamp",
  "event_name",
  "user_pseudo_id",
  "event_params",
];

/** The export columns the analysis reads, typed as BigQuery's export schema has them. */
const jsonColumns: Record<string, string> = {
  event_date: "VARCHAR",
  event_timestamp: "BIGINT",
  event_name: "VARCHAR",
  user_id: "VARCHAR",
  user_pseudo_id: "VARCHAR",
  event_params:
    "STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]",
  // history the adjusted effects read (NULL when a file lacks them)
  user_first_touch_timestamp: "BIGINT",
  device: "STRUCT(category VARCHAR)",
  traffic_source: 'STRUCT(medium VARCHAR, "name" VARCHAR, "source" VARCHAR)',
  // read by `report --by` (breakdown-query.ts); NULL where a line has none
  geo: "STRUCT(country VARCHAR)",
};

export function formatOf(file: string): ExportFormat | undefined {
  const f = file.toLowerCase().replace(/\.gz$/, "");
  if (f.endsWith(".parquet")) return "parquet";
  if (f.endsWith(".json") || f.endsWith(".jsonl") || f.endsWith(".ndjson")) return "ndjson";
  return undefined;
}

export async function openExportFiles(conn: DuckDBConnection, pattern: string): Promise<ExportFiles> {
  const globbed = await conn.runAndReadAll(`SELECT file FROM glob(${duckdb.str(pattern)}) ORDER BY file`);
  const files = globbed.getRowObjectsJS().map((r) => String(r.file));
  if (files.length === 0)
    throw new UserError(
      `no files match ${pattern}`,
      1,
      "Check the path; quote the glob so the shell does not expand it, e.g. --files 'exports/events_*.parquet'.",
    );
  const formats = new Set(files.map(formatOf));
  const unknown = files.find((f) => formatOf(f) === undefined);
  if (unknown)
    throw new UserError(
      `${unknown} is neither Parquet nor newline-delimited JSON`,
      1,
      "Export with bq extract --destination_format=PARQUET or NEWLINE_DELIMITED_JSON.",
    );
  if (formats.size > 1)
    throw new UserError(
      `${pattern} mixes Parquet and JSON files`,
      1,
      "Point --files at one format at a time.",
    );
  const format = [...formats][0] as ExportFormat;
  const list = `[${files.map(duckdb.str).join(", ")}]`;
  let hasUserId = true;
  const columns = new Set<string>();
  let dateStats: DateStats[] | undefined;
  if (format === "parquet") {
    // One round trip for the schema and the day statistics: two queries cost ~15 ms more. Every
    // later query reads the same footers: the engine keeps them parsed from this one on (the
    // setting exists once Parquet is in use; a changed file is read again). 7 real days: the crude
    // report ~6 ms sooner (medians of 16).
    const schema = await conn.runAndReadAll(
      "SET parquet_metadata_cache = true; " +
        `SELECT file_name, list(name) AS cols, NULL AS lo, NULL AS hi, NULL AS nulls FROM parquet_schema(${list}) GROUP BY file_name ` +
        "UNION ALL SELECT file_name, NULL, stats_min_value, stats_max_value, stats_null_count " +
        `FROM parquet_metadata(${list}) WHERE path_in_schema = 'event_date' ORDER BY file_name`,
    );
    dateStats = [];
    for (const row of schema.getRowObjectsJS()) {
      if (row.cols === null) {
        dateStats.push({
          lo: text(row.lo),
          hi: text(row.hi),
          nulls: row.nulls === null ? null : Number(row.nulls),
        });
        continue;
      }
      const cols = (row.cols as string[]).map(String);
      checkColumns(String(row.file_name), cols);
      if (!cols.includes("user_id")) hasUserId = false;
      for (const c of cols) columns.add(c);
    }
  } else {
    for (const file of files) {
      const probe = await conn
        .runAndReadAll(
          `SELECT * FROM read_json_auto(${duckdb.str(file)}, format = 'newline_delimited') LIMIT 1`,
        )
        .catch((err: Error) => {
          throw new UserError(`${file} is not newline-delimited JSON: ${firstLine(err.message)}`);
        });
      const names = probe.columnNames();
      if (names.length > 0) checkColumns(file, names);
    }
  }
  const from =
    format === "parquet"
      ? `read_parquet(${list}, union_by_name = true)`
      : `read_json(${list}, format = 'newline_delimited', columns = {${Object.entries(jsonColumns)
          .map(([k, v]) => `${k}: ${duckdb.str(v)}`)
          .join(", ")}})`;
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size)));
  return {
    files,
    format,
    bytes: sizes.reduce((a, b) => a + b, 0),
    source: { from, hasUserId, ...(format === "parquet" ? { columns: [...columns].sort() } : {}) },
    ...(dateStats ? { dateStats } : {}),
  };
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function checkColumns(file: string, cols: string[]): void {
  const missing = requiredColumns.filter((c) => !cols.includes(c));
  if (missing.length > 0)
    throw new UserError(
      `${file} is not a GA4 export: no column ${missing.join(", ")}`,
      1,
      "Expected the daily events_YYYYMMDD tables of a GA4 BigQuery export (bq extract of analytics_<property>.events_*).",
    );
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}
