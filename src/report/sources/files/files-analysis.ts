// The files report's analysis on an open DuckDB instance: the files checked, the range settled, the
// crude report's queries (the one pass, or the SQL analysis), and the adjusted effects and the
// breakdown when asked for. files-source.ts loads it while the engine starts.
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { UserError } from "../../../errors.js";
import type { Project } from "../../../project/model.js";
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { BreakdownInput } from "../../breakdown/model.js";
import { reportStage } from "../../report-stage.js";
import { analysisSql } from "../export/analysis-query.js";
import { duckdb } from "../export/dialect.js";
import { checkEventDates } from "../export/event-dates.js";
import { exportQuery } from "../export/export-query.js";
import { type OfflineOutcomes, outcomeRowsSql, withOutcomes } from "../export/offline-outcomes.js";
import { type ExportReportInput, readResult } from "../export/read-result.js";
import { checkDays, daysBetween, toRows } from "../export/result-checks.js";
import { releaseDuckDbCache } from "./duckdb-cache.js";
import { DEFAULT_MEMORY_LIMIT, type DuckDbSettings } from "./duckdb-config.js";
import { chunksWithPrefetched, duckDbChunks } from "./effects-chunks.js";
import { measureProgress, watchProgress } from "./engine-progress.js";
import { openExportFiles } from "./export-files.js";
import { sequenceResultRows } from "./files-sequence.js";
import { SIDE_BY_SIDE_MAX_BYTES } from "./side-by-side.js";

export interface FilesSourceOptions extends DuckDbSettings {
  /** glob of export files, e.g. "exports/events_*.parquet" */
  files: string;
  /** YYYY-MM-DD; default: the first / last event_date in the files */
  since?: string;
  until?: string;
  /** report even when days in the range have no events (listed as a caveat) */
  allowGaps?: boolean;
  topPaths?: number;
  pathLength?: number;
  propertyId?: string;
  /** `report --by`: segment counts as a second query (breakdown/) */
  breakdown?: BreakdownRequest;
  /** offline outcomes joined in as the offline goal's events (report --offline) */
  offline?: OfflineOutcomes;
  /** compute the adjusted effects (default true; false: report --no-adjust, the crude report alone) */
  adjust?: boolean;
}

export async function analyzeExportFiles(
  instance: DuckDBInstance,
  conn: DuckDBConnection,
  project: Project,
  opts: FilesSourceOptions,
): Promise<ExportReportInput & { breakdown?: BreakdownInput }> {
  let closePrefetch: (() => Promise<void>) | undefined;
  let side: DuckDBConnection | undefined;
  try {
    const files = await openExportFiles(conn, opts.files);
    const days = await checkEventDates(conn, files);
    const offline = opts.offline && opts.offline.outcomes.length > 0;
    if (opts.offline && offline) {
      await conn.run(`CREATE TEMP TABLE offline_outcomes AS ${outcomeRowsSql(opts.offline, duckdb)}`);
      files.source = withOutcomes(files.source, "offline_outcomes");
    }
    let { since, until } = opts;
    if ((!since || !until) && !offline && days.length > 0) {
      // The files' own days (offline outcomes can reach past them: those need the query below).
      since ??= days[0] as string;
      until ??= days.at(-1) as string;
    }
    if (!since || !until) {
      const span = await conn.runAndReadAll(
        `SELECT min(event_date) AS lo, max(event_date) AS hi FROM ${files.source.from}`,
      );
      const row = span.getRowObjectsJS()[0];
      if (!row?.lo)
        throw new UserError(
          `the files matching ${opts.files} hold no events`,
          1,
          "Export at least one day with events.",
        );
      since ??= String(row.lo);
      until ??= String(row.hi);
    }
    const { query, notes } = exportQuery(project, {
      since,
      until,
      topPaths: opts.topPaths,
      pathLength: opts.pathLength,
    });
    // Offline outcomes live in a temporary table of this connection, which another cannot read. A
    // missing day without --allow-gaps fails the report after the crude queries: the engine would
    // only run the sessions query first (it took that error 1.13 -> 1.47 s on 7 real days).
    const refusedGap =
      !opts.allowGaps && daysBetween(query.startDate, query.endDate).some((d) => !days.includes(d));
    const prefetch =
      opts.adjust !== false && !offline && !refusedGap
        ? await (await import("./sessions-prefetch.js")).prefetchSessions(instance, project, query, files)
        : undefined;
    closePrefetch = prefetch?.close;
    // The day query on a connection of its own (offline outcomes are this connection's table).
    side = !offline && files.bytes <= SIDE_BY_SIDE_MAX_BYTES ? await instance.connect() : undefined;
    reportStage("counting goals in the export files");
    await measureProgress(conn);
    const stopCounting = watchProgress(conn);
    const onePass = await sequenceResultRows(conn, query, files.source, {
      side,
      byKey: opts.adjust !== false,
    }).finally(stopCounting);
    const rows =
      onePass?.rows ??
      toRows((await conn.runAndReadAll(analysisSql(query, files.source, duckdb))).getRowObjectsJS());
    const gapNotes = checkDays(
      rows,
      query.startDate,
      query.endDate,
      opts.allowGaps ?? false,
      `in ${opts.files}`,
    );
    const input = readResult(rows, {
      source: "export-files",
      propertyId: opts.propertyId,
      query,
      notes: [...notes, ...gapNotes],
      bytesProcessed: null,
      // the one pass reads the files twice: goal hits, and every event's day and user
      queries: onePass ? 2 : 1,
    });
    // The adjusted effects and the breakdown load their code only when asked for (a crude report
    // starts without the estimator's modules).
    if (opts.adjust !== false) {
      const { exportEffects } = await import("../export/export-effects.js");
      input.adjusted = await exportEffects(
        project,
        query,
        files.source,
        duckdb,
        prefetch
          ? chunksWithPrefetched(conn, prefetch.sql, prefetch.result, prefetch.conn)
          : duckDbChunks(conn),
        () => releaseDuckDbCache(conn, opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT),
        onePass?.hits,
      );
    }
    if (!opts.breakdown) return input;
    const { filesBreakdown } = await import("./files-breakdown.js");
    reportStage("counting goals by segment");
    const stopSegments = watchProgress(conn);
    const breakdown = await filesBreakdown(conn, files, query, opts.breakdown).finally(stopSegments);
    return { ...input, breakdown };
  } finally {
    await closePrefetch?.();
    side?.closeSync();
  }
}
