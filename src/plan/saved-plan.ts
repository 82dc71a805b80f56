// Saved plans (--out plan.json): the plan as JSON, desired bodies and live fingerprints included.
import { readFile, writeFile } from "node:fs/promises";
import { UserError } from "../errors.js";
import { applyReads, estimate } from "./estimate.js";
import type { Plan } from "./model.js";

export async function savePlan(path: string, plan: Plan): Promise<void> {
  await writeFile(path, `${JSON.stringify(plan, null, 2)}\n`);
}

export async function loadPlan(path: string): Promise<Plan> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch {
    throw new UserError(
      `${path} is not a readable plan file`,
      1,
      "Make one with `microgoals plan --out plan.json`.",
    );
  }
  if ((parsed as Plan | null)?.format !== "microgoals-plan/1")
    throw new UserError(`${path} is not a microgoals plan (format "microgoals-plan/1" expected)`);
  return withEstimate(parsed as Plan);
}

/** Plans saved before the estimate counted reads and publish: fill those in (Google's quota). */
function withEstimate(plan: Plan): Plan {
  const e = plan.estimate;
  if (e.publishSeconds !== undefined) return plan;
  const workspaceWrites = plan.live.source !== "workspace" && e.gtmWrites > 0 ? 1 : 0;
  const gtmReads = applyReads(plan.live.source, workspaceWrites > 0);
  return {
    ...plan,
    estimate: estimate({ gtmReads, gtmWrites: e.gtmWrites, workspaceWrites, ga4Writes: e.ga4Writes }),
  };
}
