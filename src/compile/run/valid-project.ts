// The target check shared by the commands that compile for one target (compile, export, plan, apply).
import { UsageError } from "../../cli/failure.js";
import type { Project } from "../../spec/model.js";

export function checkTarget(project: Project, target: string | undefined): void {
  const name = target ?? project.defaultTarget;
  if (!project.targets.some((t) => t.name === name)) {
    const known = project.targets.map((t) => t.name).join(", ");
    throw new UsageError(`unknown target "${name}"`, `Targets in microgoals.yaml: ${known}`);
  }
}
