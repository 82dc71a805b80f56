// `microgoals report --source files`: the analysis query run by embedded DuckDB over export files.
// DuckDB streams the files and aggregates; only the small result comes back to JavaScript. This
// file owns the engine's lifetime; the analysis is files-analysis.ts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Project } from "../../../project/model.js";
import type { BreakdownInput } from "../../breakdown/model.js";
import type { ExportReportInput } from "../export/read-result.js";
import { duckdbApi } from "./duckdb-api.js";
import { duckDbConfig } from "./duckdb-config.js";
import type { FilesSourceOptions } from "./files-analysis.js";

export type { FilesSourceOptions };

const { DuckDBInstance } = duckdbApi;

export async function filesReport(
  project: Project,
  opts: FilesSourceOptions,
): Promise<ExportReportInput & { breakdown?: BreakdownInput }> {
  const spill = await mkdtemp(join(tmpdir(), "microgoals-duckdb-"));
  // The engine starts on its own threads while this one loads the analysis's modules: in turn,
  // ~15 ms more on 7 real days.
  const starting = DuckDBInstance.create(":memory:", duckDbConfig(opts, spill));
  const loading = import("./files-analysis.js");
  // settled here if the other one fails first
  loading.catch(() => undefined);
  const instance = await starting.catch(async (e: unknown) => {
    await rm(spill, { recursive: true, force: true });
    throw e;
  });
  let conn: DuckDBConnection | undefined;
  try {
    conn = await instance.connect();
    const { analyzeExportFiles } = await loading;
    return await analyzeExportFiles(instance, conn, project, opts);
  } finally {
    conn?.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}
