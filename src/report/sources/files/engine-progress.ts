// How far the engine got with the query a connection runs, as the report's progress
// (report-stage.ts), while a terminal shows the stages: the sessions query on 10M events keeps the
// line on one stage for ~3 s. DuckDB measures it once asked to (enable_progress_bar, its own
// printing off: it would write to this process's output); its figure is the share of the scan
// done, so a grouping or a sort after the scan holds the line at its last figure. Nothing is
// asked, measured or polled when no one listens.
import type { DuckDBConnection } from "@duckdb/node-api";
import { progressWanted, reportProgress } from "../../report-stage.js";

/** Polls this often (ms): the line shows whole percents, redrawn at most once each. */
const POLL_MS = 200;

/** Has `conn` measure its queries' progress, where anyone listens; before the query starts. */
export async function measureProgress(conn: DuckDBConnection): Promise<void> {
  if (!progressWanted()) return;
  await conn.run("SET enable_progress_bar_print = false");
  await conn.run("SET enable_progress_bar = true");
}

/**
 * Reports the progress of the query `conn` runs (measureProgress first) until the function
 * returned is called. `share`: where the query's progress puts the stage's (one query of several).
 */
export function watchProgress(conn: DuckDBConnection, share = (done: number) => done): () => void {
  if (!progressWanted()) return () => {};
  const timer = setInterval(() => {
    const { percentage } = conn.progress;
    // −1: no query running; 0: nothing read yet, not worth a "0%"
    if (percentage > 0) reportProgress(share(percentage / 100));
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
