// The analysis result on DuckDB: goal hits grouped by user, walked in JavaScript for the sequence
// sections (one pass instead of a window pass or join per section), and one grouping by user over
// every event for the day and total sections, which runs on the engine's threads while the hits
// are walked here. The rows equal analysis-query.ts's (test/export/sequence-sections.test.ts).
import type { DuckDBConnection, DuckDBMaterializedResult } from "@duckdb/node-api";
import type { ExportQuery, RowSource } from "../export/analysis-query.js";
import type { ResultRow } from "../export/read-result.js";
import { compareRows } from "../export/sequence/result-row.js";
import { sequenceRows } from "../export/sequence/sequence-rows.js";
import { hitCount, hitsFromLists, type UserHits } from "../export/sequence/user-hits.js";
import { readUserDays, userDaysSql } from "./user-days-query.js";
import { packing, readHitLists, userHitsSql } from "./user-hits-query.js";

/**
 * Goal hits held in memory at most (the engine's lists and this thread's arrays: 5.5M hits peaked
 * at 400 MB for the whole report). Past it the SQL analysis answers: slower, but within DuckDB's
 * memory limit.
 */
export const MAX_ONE_PASS_HITS = 12_000_000;

/** The one pass's answer: the analysis query's rows, and the goal hits by user they came from. */
export interface SequenceResult {
  rows: ResultRow[];
  /** every user's hits, keyed by hash(user): no two users share a key */
  hits: UserHits;
}

/**
 * The analysis query's rows, in its order; undefined when the hits cannot be grouped exactly (two
 * users share a hash, or a time too far from the range to pack) or are too many to hold: then the
 * SQL analysis answers.
 */
export async function sequenceResultRows(
  conn: DuckDBConnection,
  q: ExportQuery,
  src: RowSource,
  opts: {
    /** hits held in memory at most */
    maxHits?: number;
    /** a second connection: the day query starts on it beside the hits query (side-by-side.ts) */
    side?: DuckDBConnection;
    /** the hits' users in key order (user-hits-query.ts), for the adjusted effects */
    byKey?: boolean;
  } = {},
): Promise<SequenceResult | undefined> {
  const { maxHits = MAX_ONE_PASS_HITS, side, byKey } = opts;
  let daysResult = side?.runAndReadAll(userDaysSql(q, src));
  daysResult?.catch(() => undefined);
  let threads = 1;
  let hitsResult: DuckDBMaterializedResult | undefined;
  try {
    // A count first would cost a scan; the engine stops at its memory limit instead.
    hitsResult = await conn.run(userHitsSql(q, src, byKey)).catch((e: unknown) => {
      if (e instanceof Error && /out of memory/i.test(e.message)) return undefined;
      throw e;
    });
  } catch (e) {
    await settled(side, daysResult);
    throw e;
  }
  const lists = hitsResult && readHitLists(hitsResult);
  if (!lists || hitCount(lists) > maxHits) {
    await settled(side, daysResult);
    return undefined;
  }
  if (!daysResult) {
    // The day query runs on one thread fewer while this thread walks the hits (its result is in
    // memory already): with every engine thread busy too, they only took turns.
    threads = Number(
      (await conn.runAndReadAll("SELECT current_setting('threads') AS n")).getRowObjectsJS()[0]?.n,
    );
    if (threads > 1) await conn.run(`SET threads = ${threads - 1}`);
    daysResult = conn.runAndReadAll(userDaysSql(q, src));
  }
  let rows: ResultRow[] | undefined;
  let hits: UserHits | undefined;
  try {
    hits = hitsFromLists(lists, packing(q));
    rows = hits && sequenceRows(q, hits);
  } finally {
    // settle the engine's query whatever happened here
    await daysResult.catch(() => undefined);
    if (threads > 1) await conn.run(`SET threads = ${threads}`);
  }
  if (!rows || !hits) return undefined;
  const days = readUserDays((await daysResult).getRowObjectsJS(), q);
  if (!days.distinctKeys) return undefined;
  return { rows: [...days.rows, ...rows].sort(compareRows), hits };
}

/** The day query beside the hits stopped (the SQL analysis answers instead) and settled. */
async function settled(side: DuckDBConnection | undefined, days: Promise<unknown> | undefined) {
  side?.interrupt();
  await days?.catch(() => undefined);
}
