// The loader's contract (implemented by spec/load.ts): everything the CLI and other modules need.
import type { Diagnostic } from "./diagnostic.js";
import type { Position, Project, SourceRef } from "./model.js";

export interface LoadResult {
  /** Present when the files parsed and passed the schema (semantic rules may still report errors). */
  project?: Project;
  diagnostics: Diagnostic[];
  /** Maps a SourceRef (file + JSON pointer) to line:col, falling back to the nearest parent node. */
  locate(ref: SourceRef): Position;
  /** Source text of each file by relative path, for printing the offending line with a caret. */
  sources: Map<string, string>;
}
