// `report --by` on BigQuery: the breakdown statement (export/breakdown-query.ts) in the BigQuery
// dialect, dry-run first so both statements together stay under --max-bytes.
import type { BigQuery } from "@google-cloud/bigquery";
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { BreakdownInput } from "../../breakdown/model.js";
import type { ExportQuery, RowSource } from "../export/analysis-query.js";
import { breakdownSql } from "../export/breakdown-query.js";
import { readBreakdown, toBreakdownRows } from "../export/breakdown-result.js";
import { bigquery } from "../export/dialect.js";

/** The GA4 export schema always has traffic_source, device and geo. */
export function bigQueryBreakdownSql(query: ExportQuery, req: BreakdownRequest, src: RowSource): string {
  return breakdownSql(query, req, src, { trafficSource: true, device: true, geo: true }, bigquery);
}

export interface BigQueryBreakdownRun {
  client: BigQuery;
  query: ExportQuery;
  src: RowSource;
  req: BreakdownRequest;
  location?: string;
  /** bytes left under --max-bytes after the main statement */
  bytesLeft: number;
  check: (bytes: number, limit: number) => void;
  log: (line: string) => void;
}

export async function bigQueryBreakdown(
  r: BigQueryBreakdownRun,
): Promise<{ input: BreakdownInput; bytes: number }> {
  const sql = bigQueryBreakdownSql(r.query, r.req, r.src);
  const [dry] = await r.client.createQueryJob({ query: sql, location: r.location, dryRun: true });
  const bytes = Number(dry.metadata?.statistics?.totalBytesProcessed ?? 0);
  r.log(`bigquery: dry run: the breakdown will scan ${bytes} bytes more`);
  r.check(bytes, r.bytesLeft);
  const [raw] = await r.client.query({
    query: sql,
    location: r.location,
    maximumBytesBilled: String(r.bytesLeft),
  });
  return { input: readBreakdown(toBreakdownRows(raw), r.query, r.req), bytes };
}
