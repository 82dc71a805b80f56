// `microgoals discover --source bigquery`: the shared discovery SQL in BigQuery's dialect over the
// GA4 export dataset, as one statement per step (candidates, totals, then pairs of the strongest).
// Every statement is dry-run first: the bytes are printed and the run refused above --max-bytes
// (the sum of all statements, the pairs' included, counts against it).
import { UserError } from "../../../errors.js";
import type { CandidateCounts, CandidateDefinition } from "../../discover/candidate.js";
import { formatBytes } from "../../render/figures.js";
import { bigquery } from "../export/dialect.js";
import {
  type DiscoverQueryInput,
  discoverPairsSql,
  discoverParts,
  withParts,
} from "../export/discover-query.js";
import { type DiscoverRow, fold, halfTotals, iso, plainRows, totalEvents } from "../export/discover-rows.js";
import {
  bigQueryError,
  bigQuerySource,
  checkBytes,
  defaultMaxBytes,
  parseDataset,
} from "./bigquery-source.js";

export interface BigQueryDiscoverOptions {
  dataset: string;
  billingProject?: string;
  maxBytes?: number;
  location?: string;
  intraday?: boolean;
  /** YYYY-MM-DD, inclusive (BigQuery has no file span to default to) */
  since: string;
  until: string;
  macroEvent: string;
  windowSeconds: number;
  choosePairs?: (singles: CandidateCounts[]) => CandidateDefinition[];
  log?: (line: string) => void;
}

/** The statements discover runs, pairs aside (they depend on the first answers). */
export function bigQueryDiscoverSql(opts: BigQueryDiscoverOptions) {
  const ds = parseDataset(opts.dataset);
  const q: DiscoverQueryInput = {
    startDate: opts.since.replaceAll("-", ""),
    endDate: opts.until.replaceAll("-", ""),
    macroEvent: opts.macroEvent,
    windowSeconds: opts.windowSeconds,
  };
  const sql = discoverParts(q, bigQuerySource(ds, q.startDate, q.endDate, opts.intraday ?? false), bigquery);
  return {
    ds,
    q,
    singles: withParts(sql.parts, sql.singles),
    totals: withParts(sql.parts, sql.totals),
    pairs: (chosen: CandidateDefinition[]) => withParts(sql.parts, discoverPairsSql(chosen, q, bigquery)),
  };
}

export async function bigQueryDiscoverCounts(opts: BigQueryDiscoverOptions) {
  const { ds, q, singles, totals, pairs } = bigQueryDiscoverSql(opts);
  const maxBytes = opts.maxBytes ?? defaultMaxBytes;
  const log = opts.log ?? ((line: string) => console.error(line));
  const { BigQuery } = await import("@google-cloud/bigquery");
  const client = new BigQuery({ projectId: opts.billingProject ?? ds.project });
  let spent = 0;
  const run = async (label: string, query: string): Promise<Record<string, unknown>[]> => {
    try {
      const [dry] = await client.createQueryJob({ query, location: opts.location, dryRun: true });
      const bytes = Number(dry.metadata?.statistics?.totalBytesProcessed ?? 0);
      log(
        `bigquery: dry run: ${label} will scan ${formatBytes(bytes)} (limit ${formatBytes(maxBytes)} in all)`,
      );
      checkBytes(spent + bytes, maxBytes);
      spent += bytes;
      const [raw] = await client.query({
        query,
        location: opts.location,
        maximumBytesBilled: String(maxBytes),
      });
      return plainRows(raw);
    } catch (err) {
      if (err instanceof UserError) throw err; // the byte limit
      throw bigQueryError(err, opts.dataset);
    }
  };
  const totalRows = await run("the totals", totals);
  const total = halfTotals(totalRows);
  const counted = fold((await run("the candidates", singles)) as unknown as DiscoverRow[], total);
  const period = {
    since: iso(q.startDate),
    until: iso(q.endDate),
    events: totalEvents(totalRows),
    bytes: spent,
  };
  const chosen = (opts.choosePairs?.(counted) ?? []).filter((d) => !d.minCount && !d.and);
  if (chosen.length < 2) return { candidates: counted, ...period };
  const combos = (await run("the pairs", pairs(chosen))) as unknown as DiscoverRow[];
  return { candidates: [...counted, ...fold(combos, total)], ...period, bytes: spent };
}
