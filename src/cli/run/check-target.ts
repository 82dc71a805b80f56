// The target check shared by the commands that compile for one target (compile, export, plan, apply).
import type { Project } from "../../project/model.js";
import { resolveTarget } from "../../project/target.js";

/** Throws the UsageError of resolveTarget when the target is unknown (kept for the command callers). */
export function checkTarget(project: Project, target: string | undefined): void {
  resolveTarget(project, target);
}
