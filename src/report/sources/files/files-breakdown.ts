// The breakdown query (export/breakdown-query.ts) on the files source's DuckDB connection, after
// the main report query: a second statement over the same files.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { BreakdownInput } from "../../breakdown/model.js";
import type { MemberTimeline } from "../../breakdown/predict.js";
import type { ExportQuery } from "../export/analysis-query.js";
import { breakdownSql } from "../export/breakdown-query.js";
import { readBreakdown, readTimelines, toBreakdownRows } from "../export/breakdown-result.js";
import { duckdb } from "../export/dialect.js";
import type { ExportFiles } from "./export-files.js";

async function breakdownColumns(conn: DuckDBConnection, files: ExportFiles) {
  // Exports written by other tools may lack the optional columns: their values read "(not set)".
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${files.source.from}`);
  const names = new Set(described.getRowObjectsJS().map((r) => String(r.column_name)));
  return { trafficSource: names.has("traffic_source"), device: names.has("device"), geo: names.has("geo") };
}

/** Per member, the first day of each goal over the query's range (breakdown/predict.ts). */
export async function filesTimelines(
  conn: DuckDBConnection,
  files: ExportFiles,
  query: ExportQuery,
  req: BreakdownRequest,
): Promise<MemberTimeline[]> {
  const cols = await breakdownColumns(conn, files);
  const result = await conn.runAndReadAll(breakdownSql(query, req, files.source, cols, duckdb, "timelines"));
  return readTimelines(toBreakdownRows(result.getRowObjectsJS()), req);
}

export async function filesBreakdown(
  conn: DuckDBConnection,
  files: ExportFiles,
  query: ExportQuery,
  req: BreakdownRequest,
): Promise<BreakdownInput> {
  const cols = await breakdownColumns(conn, files);
  const result = await conn.runAndReadAll(breakdownSql(query, req, files.source, cols, duckdb));
  return readBreakdown(toBreakdownRows(result.getRowObjectsJS()), query, req);
}
