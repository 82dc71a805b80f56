// The one target lookup: every command that works on one target (compile, export, plan, apply,
// report) names it the same way and fails the same way when it is not in microgoals.yaml.
import { UsageError } from "../errors.js";
import type { Project, Target } from "./model.js";

/** The named target, or the project's default_target; an unknown name is a usage error (exit 2). */
export function resolveTarget(project: Project, name?: string): Target {
  const wanted = name ?? project.defaultTarget;
  const target = project.targets.find((t) => t.name === wanted);
  if (target) return target;
  const known = project.targets.map((t) => t.name).join(", ") || "(none)";
  throw new UsageError(`unknown target "${wanted}"; targets in microgoals.yaml: ${known}`);
}
