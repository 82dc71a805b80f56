// Saved plans (--out plan.json): the plan as JSON, desired bodies and live fingerprints included.
import { readFile } from "node:fs/promises";
import { UserError } from "../errors.js";
import { writeOutput } from "../files/write-output.js";
import { applyReads, estimate } from "./estimate.js";
import type { Plan } from "./model.js";

/**
 * Where the plan was made, so `apply plan.json` talks to the same server at the same quota clock
 * (an emulator at --time-scale 100 would otherwise be paced 100 times too slowly). Never credentials.
 */
export interface PlanConnection {
  endpoint?: string;
  timeScale?: number;
}

export async function savePlan(path: string, plan: Plan, connection: PlanConnection = {}): Promise<void> {
  const saved = { ...plan, connection: { ...connection, endpoint: withoutUserInfo(connection.endpoint) } };
  await writeOutput(path, `${JSON.stringify(saved, null, 2)}\n`, "plan");
}

export async function loadSavedPlan(path: string): Promise<{ plan: Plan; connection: PlanConnection }> {
  const { connection, ...plan } = (await loadPlan(path)) as Plan & { connection?: PlanConnection };
  return { plan, connection: connection ?? {} };
}

function withoutUserInfo(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  try {
    const url = new URL(endpoint);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return undefined;
  }
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
