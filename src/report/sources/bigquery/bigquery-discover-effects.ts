// Discover's confirmation stage with the report's adjusted estimator, on the BigQuery export: the
// candidates as goals, measured on the confirmation half of the users only, through the same effects
// code and statements the report runs on BigQuery (each capped by --max-bytes as billed bytes).
import type { AdjustedEffect } from "../../adjusted-effect.js";
import type { CandidateGoals } from "../../discover/candidate-goals.js";
import { bigquery } from "../export/dialect.js";
import { confirmationHalf } from "../export/discover-query.js";
import { columnsOfRows, exportEffects } from "../export/export-effects.js";
import { exportQuery } from "../export/export-query.js";
import type { BigQueryDiscoverOptions } from "./bigquery-discover.js";
import { bigQueryError, bigQuerySource, defaultMaxBytes, parseDataset } from "./bigquery-source.js";

type Options = Pick<
  BigQueryDiscoverOptions,
  "dataset" | "billingProject" | "maxBytes" | "location" | "intraday"
>;

/** The rows of the confirmation half of the dataset's days. */
export function confirmationHalfSource(opts: Options, startDate: string, endDate: string) {
  const src = bigQuerySource(parseDataset(opts.dataset), startDate, endDate, opts.intraday ?? false);
  return confirmationHalf(src, bigquery);
}

export async function bigQueryCandidateEffects(
  opts: Options,
  goals: CandidateGoals,
  since: string,
  until: string,
): Promise<Map<string, AdjustedEffect>> {
  const ds = parseDataset(opts.dataset);
  const { query } = exportQuery(goals.project, { since, until });
  const src = confirmationHalfSource(opts, query.startDate, query.endDate);
  const { BigQuery } = await import("@google-cloud/bigquery");
  const client = new BigQuery({ projectId: opts.billingProject ?? ds.project });
  const effects = await exportEffects(goals.project, query, src, bigquery, async (sql, onChunk) => {
    try {
      const [raw] = await client.query({
        query: sql,
        location: opts.location,
        maximumBytesBilled: String(opts.maxBytes ?? defaultMaxBytes),
      });
      onChunk(columnsOfRows(raw));
    } catch (err) {
      throw bigQueryError(err, opts.dataset);
    }
  });
  return new Map(effects.map((e) => [e.microId, e.effect]));
}
