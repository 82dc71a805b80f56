// The embedded engine's settings, shared by every files command (and the export bench's reference
// query, which must run with the same ones without loading the report).
import { availableParallelism } from "node:os";

export const DEFAULT_MEMORY_LIMIT = "512MB";

export interface DuckDbSettings {
  /** threads (default: the machine's cores, at most 4: more threads, more memory) */
  threads?: number;
  /** memory cap (default "512MB"); past it DuckDB spills to the temporary directory */
  memoryLimit?: string;
}

/**
 * Bounded engine settings: a memory cap with somewhere to spill, few threads (each holds its own
 * buffers), and no insertion order to keep (the result is sorted anyway).
 */
export function duckDbConfig(opts: DuckDbSettings, tempDirectory: string): Record<string, string> {
  return {
    threads: String(opts.threads ?? Math.min(4, Math.max(1, availableParallelism()))),
    memory_limit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    temp_directory: tempDirectory,
    preserve_insertion_order: "false",
  };
}
