// Loads a project for commands that need a valid spec (compile, deploy, report, schedule, demo):
// errors go to stderr in the compiler style of `validate` and become a UserError (exit 1), so
// "anything that validates must compile" and anything that doesn't never reaches a command.
import { UsageError, UserError } from "../cli/failure.js";
import type { Project } from "./model.js";

export interface LoadValidOptions {
  /** what the caller will not do, for the error line (default "nothing was done") */
  consequence?: string;
  hint?: string;
}

export async function loadValidProject(dir: string, options: LoadValidOptions = {}): Promise<Project> {
  const { existsSync } = await import("node:fs");
  if (!existsSync(dir)) throw new UsageError(`directory not found: ${dir}`);
  const { loadProject } = await import("./load.js");
  const result = await loadProject(dir);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0 && result.project) return result.project;
  const { join, relative } = await import("node:path");
  const { formatText } = await import("./format/text.js");
  // Paths relative to the cwd, as `validate` prints them, so they are clickable.
  const rel = relative(process.cwd(), dir);
  const pathPrefix = rel === "" ? "" : join(rel, "x").slice(0, -1);
  process.stderr.write(formatText(errors, result.sources, { pathPrefix }));
  throw new UserError(
    `the spec has ${errors.length} error(s); ${options.consequence ?? "nothing was done"}`,
    1,
    options.hint ?? "run `microgoals validate` for details",
  );
}
