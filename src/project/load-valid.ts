// Loads a project for callers that need a valid spec (compile, deploy, report, schedule, demo).
// Errors become a UserError (exit 1) whose details are the located diagnostics in the compiler
// style of `validate`, so "anything that validates must compile" and anything that doesn't never
// reaches a command. Nothing is printed here: the CLI prints the error with its details.
import { UsageError, UserError } from "../errors.js";
import type { LoadOptions } from "./load.js";
import type { Project } from "./model.js";

export interface LoadValidOptions extends LoadOptions {
  /** what the caller will not do, for the error line (default "nothing was done") */
  consequence?: string;
  hint?: string;
}

export async function loadValidProject(dir: string, options: LoadValidOptions = {}): Promise<Project> {
  const { existsSync } = await import("node:fs");
  if (!existsSync(dir))
    throw new UsageError(`directory not found: ${dir}`, "Pass the directory that holds microgoals.yaml.");
  const { loadProject } = await import("./load.js");
  const result = await loadProject(dir, options);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0 && result.project) return result.project;
  const { join, relative } = await import("node:path");
  const { formatText } = await import("./format/text.js");
  // Paths relative to the cwd, as `validate` prints them, so they are clickable.
  const rel = relative(process.cwd(), dir);
  const pathPrefix = rel === "" ? "" : join(rel, "x").slice(0, -1);
  throw new UserError(
    `the spec has ${errors.length} error(s); ${options.consequence ?? "nothing was done"}`,
    1,
    options.hint ?? "run `microgoals validate` for details",
    formatText(errors, result.sources, { pathPrefix }),
  );
}
