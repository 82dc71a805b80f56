// The adjusted effects' queries on DuckDB, handed to export-effects.ts as column chunks: numeric
// columns as Float64Arrays, texts with each distinct short one decoded once (vector-texts.ts), the
// rest as node-api's values.
import type { DuckDBConnection, DuckDBDataChunk, DuckDBMaterializedResult } from "@duckdb/node-api";
import type { ColumnChunks } from "../export/export-effects.js";
import type { Columns } from "../export/read-exposure.js";
import { duckdbApi } from "./duckdb-api.js";
import { watchProgress } from "./engine-progress.js";
import { doublesOf } from "./vector-items.js";
import { InlineTexts, textsOf } from "./vector-texts.js";

const { DuckDBDoubleVector, DuckDBVarCharVector } = duckdbApi;

/** The effects queries' runner on DuckDB: streamed chunk by chunk (a session per row can be millions of rows). */
export function duckDbChunks(conn: DuckDBConnection): ColumnChunks {
  return async (q, onChunk) => {
    // The engine's progress until its first chunk: then it has scanned, and this thread reads.
    const stop = watchProgress(conn);
    const [result, first] = await conn
      .stream(q)
      .then(async (r) => [r, await r.fetchChunk()] as const)
      .finally(stop);
    const names = result.columnNames();
    const texts = new InlineTexts();
    for (let chunk = first; chunk && chunk.rowCount > 0; chunk = await result.fetchChunk())
      onChunk(columnsOf(chunk, names, texts));
  };
}

/**
 * As duckDbChunks, except that the query `sql` is answered from `result`: the same query, already
 * run (sessions-prefetch.ts) on `runsOn`. Should that run have failed, the query runs again here,
 * and a real problem is reported from this run.
 */
export function chunksWithPrefetched(
  conn: DuckDBConnection,
  sql: string,
  result: Promise<DuckDBMaterializedResult>,
  runsOn: DuckDBConnection,
): ColumnChunks {
  const others = duckDbChunks(conn);
  return async (q, onChunk) => {
    if (q !== sql) return others(q, onChunk);
    const stop = watchProgress(runsOn);
    const done = await result.catch(() => undefined).finally(stop);
    if (!done) return others(q, onChunk);
    const names = done.columnNames();
    const texts = new InlineTexts();
    for (let c = 0; c < done.chunkCount; c++) onChunk(columnsOf(done.getChunk(c), names, texts));
  };
}

function columnsOf(chunk: DuckDBDataChunk, names: string[], texts: InlineTexts): Columns {
  const cols: Columns = {};
  names.forEach((name, c) => {
    const vector = chunk.getColumnVector(c);
    if (vector instanceof DuckDBDoubleVector) cols[name] = doublesOf(vector);
    else if (vector instanceof DuckDBVarCharVector)
      cols[name] = textsOf(vector, texts) ?? chunk.getColumnValues(c);
    else cols[name] = chunk.getColumnValues(c);
  });
  return cols;
}
