// The programmatic deploy API (the CLI and the demo call this): plan against live state, then apply
// a fresh or saved plan, optionally creating and publishing a container version.
import { UserError } from "../cli/failure.js";
import type { DesiredState } from "../compile/desired-state.js";
import { applyGa4, type Ga4ApplyResult } from "../ga4/admin/apply.js";
import { readLiveGa4 } from "../ga4/admin/read-live.js";
import type { BudgetSnapshot } from "../google/budget.js";
import type { LiveGa4, LiveGtm } from "../plan/live-state.js";
import { fingerprint, makePlan } from "../plan/make-plan.js";
import { hasChanges, type Plan } from "../plan/model.js";
import { applyGtm, type GtmApplyResult } from "./apply.js";
import { createVersionAndPublish, type Published } from "./publish.js";
import { type LiveRead, readLiveGtm, readWorkspace } from "./read-live.js";
import { openSession, type Session, type SessionOptions } from "./session.js";
import { containerPath, createWorkspace, syncWorkspace, type WorkspaceRef } from "./workspace.js";

export interface DeployOptions extends Omit<SessionOptions, "scopes"> {
  force?: boolean;
  /** Reuse a session (and its quota window) across plan and apply. */
  session?: Session;
}

export interface PlanResult {
  plan: Plan;
  /** The workspace is behind the latest version; apply syncs it first. */
  behind: boolean;
  budget: BudgetSnapshot;
}

export async function planDeploy(desired: DesiredState, options: DeployOptions = {}): Promise<PlanResult> {
  const s = options.session ?? (await openSession({ ...options, scopes: "plan" }));
  const { read, ga4 } = await readAll(s, desired);
  const plan = makePlan(desired, read.live, ga4, { force: options.force, quota: s.quota });
  return { plan, behind: read.behind, budget: s.budget.snapshot() };
}

export interface ApplyOptions extends DeployOptions {
  /** Create a container version (and publish it unless publish is "version-only"). */
  publish?: boolean;
  version?: { name: string; notes: string };
  /**
   * After each write: `etaMs` is the quota-bound time the remaining GTM calls need from the pacer's
   * window as it is now (a lower bound, in real ms: the emulator's time scale is already applied).
   */
  onProgress?: (step: string, done: number, total: number, etaMs: number) => void;
}

export interface ApplyResult {
  plan: Plan;
  gtm: GtmApplyResult;
  ga4: Ga4ApplyResult;
  published?: Published;
  budget: BudgetSnapshot;
}

/**
 * Applies `what`: a desired state (planned now against live state) or a saved plan (applied as it
 * is, refused when the live entities changed since it was made).
 */
export async function applyPlan(
  what: { desired: DesiredState } | { plan: Plan },
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const s =
    options.session ?? (await openSession({ ...options, scopes: options.publish ? "publish" : "apply" }));
  const target = "plan" in what ? what.plan.gtm : what.desired.gtm;
  const propertyId = "plan" in what ? what.plan.ga4.propertyId : what.desired.ga4.propertyId;
  const container = containerPath(target.accountId, target.containerId);
  let read = await readLiveGtm(s.gtmCaller, s.gtm, target);
  const ga4 = await readLiveGa4(s.ga4Caller, s.admin, propertyId);
  let plan =
    "plan" in what
      ? what.plan
      : makePlan(what.desired, read.live, ga4, { force: options.force, quota: s.quota });
  const empty = { gtm: { created: 0, updated: 0, deleted: 0 }, ga4: { created: 0, updated: 0, deleted: 0 } };
  if ("plan" in what) checkFingerprints(plan, read.live, ga4);
  refuseConflicts(plan);
  if (!hasChanges(plan) && !(options.publish && read.workspace))
    return { plan, ...empty, budget: s.budget.snapshot() };

  // The workspace: create it when missing, sync it when behind; then the plan must see it as it is.
  let ws: WorkspaceRef | undefined = read.workspace;
  let refreshed = false;
  if (!ws) {
    ws = await createWorkspace(s.gtmCaller, s.gtm, container, target.workspaceName, read.latestVersionId);
    refreshed = true;
  } else if (read.behind && read.latestVersionId) {
    ws = await syncWorkspace(s.gtmCaller, s.gtm, ws);
    refreshed = true;
  }
  if (refreshed) {
    read = { ...read, live: await readWorkspace(s.gtmCaller, s.gtm, ws), workspace: ws, behind: false };
    if ("plan" in what) checkFingerprints(plan, read.live, ga4);
    else plan = makePlan(what.desired, read.live, ga4, { force: options.force, quota: s.quota });
    refuseConflicts(plan);
  }

  const total = plan.estimate.gtmWrites + plan.estimate.ga4Writes;
  const publishCalls = options.publish ? 2 : 0; // create_version + publish
  let done = 0;
  let gtmDone = 0;
  const report = (step: string, gtmLeft: number) =>
    options.onProgress?.(step, ++done, Math.max(total, done), s.etaMs(gtmLeft));
  const gtmResult = await applyGtm(s.gtmCaller, s.gtm, ws, plan, read.live, (step) =>
    report(step, Math.max(0, plan.estimate.gtmWrites - ++gtmDone) + publishCalls),
  );
  const ga4Result = await applyGa4(s.ga4Caller, s.admin, plan, (step) => report(step, publishCalls));
  let published: Published | undefined;
  if (options.publish) {
    const version = options.version ?? {
      name: `microgoals ${plan.target}`,
      notes: "Deployed by microgoals.",
    };
    published = await createVersionAndPublish(
      s.gtmCaller,
      s.gtm,
      ws,
      container,
      target.workspaceName,
      version,
      true,
    );
    report(`published version ${published.versionId}`, 0);
  }
  return { plan, gtm: gtmResult, ga4: ga4Result, published, budget: s.budget.snapshot() };
}

async function readAll(s: Session, desired: DesiredState): Promise<{ read: LiveRead; ga4: LiveGa4 }> {
  const read = await readLiveGtm(s.gtmCaller, s.gtm, desired.gtm);
  const ga4 = await readLiveGa4(s.ga4Caller, s.admin, desired.ga4.propertyId);
  return { read, ga4 };
}

function refuseConflicts(plan: Plan): void {
  if (plan.conflicts.length > 0)
    throw new UserError(`cannot apply: ${plan.conflicts.join("; ")}`, 1, "Nothing was changed.");
}

/** A saved plan applies only to the live state it was made against. */
function checkFingerprints(plan: Plan, live: LiveGtm, ga4: LiveGa4): void {
  const now = fingerprint(
    { ...live, source: plan.live.source === "workspace" ? live.source : plan.live.source },
    ga4,
  );
  const before = plan.live.entities;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(now.entities)])]
    .filter((k) => before[k] !== now.entities[k])
    .sort();
  if (changed.length > 0)
    throw new UserError(
      `the live state changed since this plan was made (${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ", …" : ""}); nothing was applied`,
      1,
      "Run `microgoals plan --out plan.json` again and review the new plan.",
    );
}
