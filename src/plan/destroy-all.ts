// A plan that deletes every entity microgoals deployed is almost always a spec that failed to load
// (a moved goals folder, a bad symlink) rather than an intention: apply wants --allow-destroy-all.
import { UserError } from "../errors.js";
import type { Plan } from "./model.js";

/**
 * Deletes something, and leaves no goal's entity (project-wide ones such as the measurement-ID
 * constant do not count) nor any entity kept or left alone as drift.
 */
export function destroysAll(plan: Plan): boolean {
  const all = [...plan.gtm.changes, ...plan.ga4.changes];
  const deletes = all.filter((c) => c.action === "delete").length;
  const left = all.filter(
    (c) => c.action !== "delete" && (c.goals.length > 0 || c.action === "drift" || c.note !== undefined),
  ).length;
  return deletes > 0 && left === 0;
}

export const DESTROY_ALL_WARNING =
  "this plan deletes every entity microgoals deployed to this target; apply needs --allow-destroy-all";

export function refuseDestroyAll(plan: Plan, allowed: boolean | undefined): void {
  if (!allowed && destroysAll(plan))
    throw new UserError(
      "refusing to apply: this plan deletes every entity microgoals deployed to this target",
      1,
      "Nothing was changed. If the spec really has no goals any more, pass --allow-destroy-all; otherwise check that goals/ holds your goal files.",
    );
}
