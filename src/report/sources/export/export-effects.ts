// Adjusted effects from the GA4 export: runs the two exposure queries through whichever engine the
// source uses (a function from SQL to result columns) and hands plain columns to the estimator. The
// files report's goal hits, when it has them, give the first goal times without the second query.
import type { Project } from "../../../project/model.js";
import { type BootstrapWorker, startBootstrapWorker } from "../../effects/bootstrap-threads.js";
import type { Journeys } from "../../effects/journeys.js";
import { pairEffects } from "../../effects/pair-effects.js";
import { secondaryPairs } from "../../effects/secondary-pairs.js";
import { journeysOf } from "../../effects/session-history.js";
import type { ReportInput } from "../../model.js";
import { reportStage } from "../../report-stage.js";
import type { ExportQuery, RowSource } from "./analysis-query.js";
import { utcDayMs } from "./calendar-date.js";
import type { Dialect } from "./dialect.js";
import { exposureFirstsSql, exposureSessionsSql, firstTimeColumns } from "./exposure-query.js";
import { type Columns, firstTimesBuffer, SessionHistoryBuilder } from "./read-exposure.js";
import { firstTimesOfHits } from "./sequence/hit-first-times.js";
import type { UserHits } from "./sequence/user-hits.js";

/** Runs SQL and hands its result to `onChunk` in column chunks (one chunk is fine). */
export type ColumnChunks = (sql: string, onChunk: (cols: Columns) => void) => Promise<void>;

/** A process holding this much waits for the engine's cache to be handed back (releaseCache). */
const LARGE_PROCESS_BYTES = 384 * 1024 * 1024;

/**
 * `releaseCache`: hands back what the engine keeps cached from its queries. A large process waits
 * for it before the queries and before the estimator's arrays, so the engine's memory and theirs
 * are not added up. Otherwise it runs after the queries on the engine's thread while the estimator
 * works here: freeing the pages took 25-58 ms of this thread on 7 real days when the instance
 * closed.
 * `hits` (DuckDB): the report's goal hits grouped by hash(user) (files-sequence.ts); the first
 * times come from them instead of the firsts query.
 */
export async function exportEffects(
  project: Project,
  query: ExportQuery,
  src: RowSource,
  d: Dialect,
  run: ColumnChunks,
  releaseCache?: () => Promise<void>,
  hits?: UserHits,
): Promise<NonNullable<ReportInput["adjusted"]>> {
  const pairs = secondaryPairs(project, query.pairs).length;
  if (pairs === 0) return [];
  let worker: BootstrapWorker | undefined;
  const large = () => process.memoryUsage.rss() >= LARGE_PROCESS_BYTES;
  let released: Promise<void> | undefined;
  try {
    if (large()) await releaseCache?.();
    // The sessions first: the engine's peak (the sessions' aggregation) then meets only the
    // sessions read so far, and the first times' smaller query meets the history.
    reportStage("adjusted effects: each session's history");
    const sessions = new SessionHistoryBuilder();
    // Hash keys only with the one pass's hits: it checked that no two users share a hash.
    await run(exposureSessionsSql(query, src, d, hits ? "hash" : "rank"), (cols) => sessions.add(cols));
    // Started once the size is known: after the sessions query, so its start takes no core from
    // the engine's largest query (with the one pass's hits, no query follows: it starts while
    // this thread makes the journeys).
    worker = startBootstrapWorker(sessions.count * pairs);
    const columns = firstTimeColumns(query);
    let firstTimes: (keys: Float64Array) => Map<string, Float64Array>;
    if (hits) firstTimes = (keys) => firstTimesOfHits(hits, keys, query, columns);
    else {
      const firsts = firstTimesBuffer(columns);
      await run(exposureFirstsSql(query, src, d), (cols) => firsts.add(cols));
      firstTimes = (keys) => firsts.result(keys);
    }
    // Before the history's columns are joined: the engine's peak and theirs never add up.
    released = releaseCache?.();
    // A failure surfaces where it is waited for (below), not as an unhandled rejection meanwhile.
    released?.catch(() => undefined);
    if (large()) await released;
    const journeys = journeysOfSessions(sessions, firstTimes, query);
    const effects = await pairEffects(project, query.pairs, journeys, { worker });
    await released;
    return effects;
  } finally {
    // The engine's connection is the caller's again only once the release is done.
    await released?.catch(() => undefined);
    // Not waited for (12–14 ms on 7 real days): the worker is unref'd, so it never keeps the
    // process alive, and nothing after this reads from it.
    void worker?.terminate().catch(() => undefined);
  }
}

/** The estimator's journeys; the raw history they come from is dropped on return. */
function journeysOfSessions(
  sessions: SessionHistoryBuilder,
  firstTimes: (keys: Float64Array) => Map<string, Float64Array>,
  query: ExportQuery,
): Journeys {
  const { history, keys } = sessions.finish();
  const day = (yyyymmdd: string) => utcDayMs(yyyymmdd) / 1000;
  return journeysOf(history, firstTimes(keys), day(query.startDate), day(query.endDate) + 86_400);
}

/** Row objects (BigQuery's answer) → columns by name. */
export function columnsOfRows(rows: Record<string, unknown>[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of rows)
    for (const k of Object.keys(r)) {
      out[k] ??= [];
      out[k].push(r[k]);
    }
  return out;
}
