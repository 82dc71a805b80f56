// The adjusted effects' sessions query (exposure-query.ts), started on a connection of its own as
// soon as the report's days are known, so the engine works on it while the crude report's queries
// run and this thread walks their goal hits: without it the engine sat on one thread or none
// through the walk, and the sessions query then started from nothing. It asks for hash keys, as
// export-effects.ts does when the one pass succeeded; when the one pass falls back to the SQL
// analysis, the effects ask for rank keys instead and the result goes unused.
import type { DuckDBConnection, DuckDBInstance, DuckDBMaterializedResult } from "@duckdb/node-api";
import type { Project } from "../../../project/model.js";
import { secondaryPairs } from "../../effects/secondary-pairs.js";
import type { ExportQuery } from "../export/analysis-query.js";
import { duckdb } from "../export/dialect.js";
import { exposureSessionsSql } from "../export/exposure-query.js";
import { measureProgress } from "./engine-progress.js";
import type { ExportFiles } from "./export-files.js";
import { SIDE_BY_SIDE_MAX_BYTES } from "./side-by-side.js";

export interface SessionsPrefetch {
  sql: string;
  result: Promise<DuckDBMaterializedResult>;
  /** the connection it runs on (its progress: engine-progress.ts) */
  conn: DuckDBConnection;
  /**
   * Stops the query if it still runs (the report failed first, or the effects asked for rank keys),
   * waits for it, and closes its connection.
   */
  close(): Promise<void>;
}

/** The sessions query started, or undefined where it should wait its turn (see above). */
export async function prefetchSessions(
  instance: DuckDBInstance,
  project: Project,
  query: ExportQuery,
  files: ExportFiles,
  // past it the queries run one after the other (side-by-side.ts)
  maxBytes = SIDE_BY_SIDE_MAX_BYTES,
): Promise<SessionsPrefetch | undefined> {
  if (secondaryPairs(project, query.pairs).length === 0) return undefined;
  if (files.bytes > maxBytes) return undefined;
  const sql = exposureSessionsSql(query, files.source, duckdb, "hash");
  const conn = await instance.connect();
  await measureProgress(conn);
  const result = conn.run(sql);
  // Its failure is the effects' to report, when they read it; until then it is handled here.
  result.catch(() => undefined);
  return {
    sql,
    result,
    conn,
    close: async () => {
      conn.interrupt();
      await result.catch(() => undefined);
      conn.closeSync();
    },
  };
}
