// Member timelines (first day of each goal per segment member) over export files, for
// `report --predict` and its backtest: one DuckDB statement over the training and predicted days.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Project } from "../../../project/model.js";
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { MemberTimeline } from "../../breakdown/predict.js";
import { exportQuery } from "../export/export-query.js";
import { duckdbApi } from "./duckdb-api.js";
import { duckDbConfig } from "./duckdb-config.js";
import { openExportFiles } from "./export-files.js";
import { filesTimelines } from "./files-breakdown.js";

const { DuckDBInstance } = duckdbApi;

export async function filesMemberTimelines(
  project: Project,
  opts: { files: string; since: string; until: string; breakdown: BreakdownRequest },
): Promise<MemberTimeline[]> {
  const spill = await mkdtemp(join(tmpdir(), "microgoals-duckdb-"));
  const instance = await DuckDBInstance.create(":memory:", duckDbConfig({}, spill));
  const conn = await instance.connect();
  try {
    const files = await openExportFiles(conn, opts.files);
    const { query } = exportQuery(project, { since: opts.since, until: opts.until });
    return await filesTimelines(conn, files, query, opts.breakdown);
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}
