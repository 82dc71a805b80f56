// Discover's confirmation stage with the report's adjusted estimator, on export files: the
// candidates as goals (discover/candidate-goals.ts), measured on the confirmation half of the users
// only (the discovery half chose them), through the same effects code the report runs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdjustedEffect } from "../../adjusted-effect.js";
import type { CandidateGoals } from "../../discover/candidate-goals.js";
import { duckdb } from "../export/dialect.js";
import { exportEffects } from "../export/export-effects.js";
import { exportQuery } from "../export/export-query.js";
import { duckdbApi } from "./duckdb-api.js";
import { duckDbConfig } from "./duckdb-config.js";
import { duckDbChunks } from "./effects-chunks.js";
import { openExportFiles } from "./export-files.js";

const { DuckDBInstance } = duckdbApi;

export async function filesCandidateEffects(
  files: string,
  goals: CandidateGoals,
  since: string,
  until: string,
): Promise<Map<string, AdjustedEffect>> {
  const spill = await mkdtemp(join(tmpdir(), "microgoals-discover-effects-"));
  const instance = await DuckDBInstance.create(":memory:", duckDbConfig({}, spill));
  const conn = await instance.connect();
  try {
    const opened = await openExportFiles(conn, files);
    // The confirmation half: the complement of discover-query.ts's discovery half.
    const half = `NOT (${duckdb.userHalf("user_pseudo_id")})`;
    const source = {
      ...opened.source,
      where: opened.source.where ? `(${opened.source.where}) AND ${half}` : half,
    };
    const { query } = exportQuery(goals.project, { since, until });
    const effects = await exportEffects(goals.project, query, source, duckdb, duckDbChunks(conn));
    return new Map(effects.map((e) => [e.microId, e.effect]));
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}
