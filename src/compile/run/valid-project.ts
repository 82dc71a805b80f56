// Loads a project for commands that need a valid spec; errors become one located line each and a
// UserError (exit 1): "anything that validates must compile", anything that doesn't never reaches it.
import { UsageError, UserError } from "../../cli/failure.js";
import type { Project } from "../../spec/model.js";

export async function loadValidProject(dir: string): Promise<Project> {
  const { existsSync } = await import("node:fs");
  if (!existsSync(dir)) throw new UsageError(`directory not found: ${dir}`);
  const { loadProject } = await import("../../spec/load.js");
  const result = await loadProject(dir);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !result.project) {
    for (const d of errors.slice(0, 20)) {
      console.error(
        `${d.position.file}:${d.position.line}:${d.position.col}: error [${d.rule}] ${d.message}`,
      );
    }
    throw new UserError(
      `the spec has ${errors.length} error(s); nothing was compiled`,
      1,
      "Run `microgoals validate` for details.",
    );
  }
  return result.project;
}

export function checkTarget(project: Project, target: string | undefined): void {
  const name = target ?? project.defaultTarget;
  if (!project.targets.some((t) => t.name === name)) {
    const known = project.targets.map((t) => t.name).join(", ");
    throw new UsageError(`unknown target "${name}"`, `Targets in microgoals.yaml: ${known}`);
  }
}
