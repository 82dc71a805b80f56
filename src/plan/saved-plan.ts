// Saved plans (--out plan.json): the plan as JSON, desired bodies and live fingerprints included.
import { readFile, writeFile } from "node:fs/promises";
import { UserError } from "../cli/failure.js";
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
  return parsed as Plan;
}
