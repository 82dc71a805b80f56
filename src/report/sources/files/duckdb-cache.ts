// DuckDB keeps the memory its queries used (up to its limit) for the next query; lowering the limit
// for a moment makes it hand that back, so the adjusted effects' arrays are not added on top.
import type { DuckDBConnection } from "@duckdb/node-api";

/** Nothing depends on it succeeding: pinned data that cannot be evicted just stays. */
export async function releaseDuckDbCache(conn: DuckDBConnection, memoryLimit: string): Promise<void> {
  try {
    await conn.run("SET memory_limit = '16MB'");
  } catch {
    // could not evict enough: keep what is there
  }
  await conn.run(`SET memory_limit = '${memoryLimit.replaceAll("'", "''")}'`);
}
