// `microgoals report --source bigquery`: the analysis query in BigQuery's dialect over the GA4
// export dataset, through the official client (imported lazily: it is heavy and needs credentials).
// A dry run comes first: it prints the bytes the query would scan and refuses above --max-bytes.

import { UserError } from "../../../errors.js";
import type { Project } from "../../../project/model.js";
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { BreakdownInput } from "../../breakdown/model.js";
import { formatBytes } from "../../render/figures.js";
import { reportStage } from "../../report-stage.js";
import { analysisSql, type RowSource } from "../export/analysis-query.js";
import { bigquery } from "../export/dialect.js";
import { columnsOfRows, exportEffects } from "../export/export-effects.js";
import { exportQuery } from "../export/export-query.js";
import { type ExportReportInput, readResult } from "../export/read-result.js";
import { checkDays, toRows } from "../export/result-checks.js";

export interface BigQuerySourceOptions {
  /** PROJECT.analytics_PROPERTY */
  dataset: string;
  /** project billed for the query jobs (default: the dataset's project) */
  billingProject?: string;
  /** refuse queries that would scan more bytes than this (default 10 GB) */
  maxBytes?: number;
  /** YYYY-MM-DD, inclusive */
  since: string;
  until: string;
  /** also read events_intraday_* tables (today's not-yet-final events) */
  intraday?: boolean;
  allowGaps?: boolean;
  topPaths?: number;
  pathLength?: number;
  /** `report --by`: a second statement (bigquery-breakdown.ts) */
  breakdown?: BreakdownRequest;
  /** false: no adjusted effects, so no sessions query (report --no-adjust; its bytes are not billed) */
  adjust?: boolean;
  /** BigQuery location of the dataset, e.g. "US" or "EU" */
  location?: string;
  /** where to print the dry-run figure (default: stderr) */
  log?: (line: string) => void;
}

export { formatBytes };

export const defaultMaxBytes = 10 * 1024 ** 3;

export interface ParsedDataset {
  project: string;
  dataset: string;
  propertyId?: string;
}

export function parseDataset(s: string): ParsedDataset {
  const m = /^([a-z][a-z0-9:.-]*?)\.([A-Za-z0-9_]+)$/.exec(s.trim());
  if (!m)
    throw new UserError(
      `--dataset ${s} is not PROJECT.DATASET`,
      2,
      "Give the GA4 export dataset, e.g. --dataset my-project.analytics_123456789.",
    );
  const property = /^analytics_(\d+)$/.exec(m[2] as string)?.[1];
  return { project: m[1] as string, dataset: m[2] as string, ...(property ? { propertyId: property } : {}) };
}

/** The rows of the report's days: daily tables pruned by _TABLE_SUFFIX, intraday when asked. */
export function bigQuerySource(
  ds: ParsedDataset,
  startDate: string,
  endDate: string,
  intraday: boolean,
): RowSource {
  const lit = bigquery.str;
  const daily = `_TABLE_SUFFIX BETWEEN ${lit(startDate)} AND ${lit(endDate)}`;
  const where = intraday
    ? `${daily} OR _TABLE_SUFFIX BETWEEN ${lit(`intraday_${startDate}`)} AND ${lit(`intraday_${endDate}`)}`
    : daily;
  return { from: `\`${ds.project}.${ds.dataset}.events_*\``, where, hasUserId: true };
}

export function bigQueryReportSql(project: Project, opts: BigQuerySourceOptions) {
  const ds = parseDataset(opts.dataset);
  const { query, notes } = exportQuery(project, opts);
  const src = bigQuerySource(ds, query.startDate, query.endDate, opts.intraday ?? false);
  return { ds, query, notes, sql: analysisSql(query, src, bigquery) };
}

/** The dry run's verdict: refuse above the limit, with the figure and what to do. */
export function checkBytes(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes)
    throw new UserError(
      `the query would scan ${formatBytes(bytes)}, above --max-bytes ${formatBytes(maxBytes)}`,
      1,
      "Narrow --since/--until, or raise --max-bytes if the cost is acceptable.",
    );
}

export async function bigQueryReport(
  project: Project,
  opts: BigQuerySourceOptions,
): Promise<ExportReportInput & { breakdown?: BreakdownInput }> {
  const { ds, query, notes, sql } = bigQueryReportSql(project, opts);
  const maxBytes = opts.maxBytes ?? defaultMaxBytes;
  const log = opts.log ?? ((line: string) => console.error(line));
  const { BigQuery } = await import("@google-cloud/bigquery");
  const client = new BigQuery({ projectId: opts.billingProject ?? ds.project });
  let bytes: number;
  try {
    const [dry] = await client.createQueryJob({ query: sql, location: opts.location, dryRun: true });
    bytes = Number(dry.metadata?.statistics?.totalBytesProcessed ?? 0);
  } catch (err) {
    throw bigQueryError(err, opts.dataset);
  }
  log(`bigquery: dry run: the query will scan ${formatBytes(bytes)} (limit ${formatBytes(maxBytes)})`);
  checkBytes(bytes, maxBytes);
  reportStage("counting goals in BigQuery");
  let raw: Record<string, unknown>[];
  try {
    [raw] = await client.query({ query: sql, location: opts.location, maximumBytesBilled: String(maxBytes) });
  } catch (err) {
    throw bigQueryError(err, opts.dataset);
  }
  const rows = toRows(raw);
  const gapNotes = checkDays(
    rows,
    query.startDate,
    query.endDate,
    opts.allowGaps ?? false,
    `in ${opts.dataset}`,
  );
  const input = readResult(rows, {
    source: "bigquery-export",
    propertyId: ds.propertyId,
    query,
    notes: [...notes, ...gapNotes],
    bytesProcessed: bytes,
  });
  const src = bigQuerySource(ds, query.startDate, query.endDate, opts.intraday ?? false);
  if (opts.adjust !== false)
    input.adjusted = await exportEffects(project, query, src, bigquery, async (sql, onChunk) => {
      try {
        const [raw] = await client.query({
          query: sql,
          location: opts.location,
          maximumBytesBilled: String(maxBytes),
        });
        onChunk(columnsOfRows(raw));
      } catch (err) {
        throw bigQueryError(err, opts.dataset);
      }
    });
  if (!opts.breakdown) return input;
  const { bigQueryBreakdown } = await import("./bigquery-breakdown.js");
  const more = await bigQueryBreakdown({
    client,
    query,
    src,
    req: opts.breakdown,
    location: opts.location,
    bytesLeft: maxBytes - bytes,
    check: checkBytes,
    log,
  }).catch((err: unknown) => {
    throw bigQueryError(err, opts.dataset);
  });
  return { ...input, bytesProcessed: bytes + more.bytes, breakdown: more.input };
}

/** API failures as one line with what to do (never a stack trace). */
export function bigQueryError(err: unknown, dataset: string): UserError {
  const e = err as { code?: number; message?: string };
  const message = (e.message ?? String(err)).split("\n")[0] ?? "";
  if (/default credentials|could not load the default credentials/i.test(message))
    return new UserError(
      "no Google credentials for BigQuery",
      1,
      "Run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS.",
    );
  if (e.code === 403 || /access denied|permission/i.test(message))
    return new UserError(
      `no access to ${dataset}: ${message}`,
      1,
      "Grant BigQuery Data Viewer on the dataset and BigQuery Job User on the billing project (--billing-project).",
    );
  if (e.code === 404 || /not found/i.test(message))
    return new UserError(
      `${dataset} not found: ${message}`,
      1,
      "Check --dataset (PROJECT.analytics_PROPERTY) and --location, and that the GA4 BigQuery link exports daily tables.",
    );
  if (/bytes billed|maximumBytesBilled/i.test(message))
    return new UserError(`BigQuery refused: ${message}`, 1, "Raise --max-bytes or narrow the dates.");
  return new UserError(`BigQuery failed: ${message}`);
}
