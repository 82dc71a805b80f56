// The programmatic deploy API (the CLI and the demo call this): plan against live state, then apply
// a fresh or saved plan, optionally creating and publishing a container version.

import type { DesiredState } from "../compile/desired-state.js";
import { UserError } from "../errors.js";
import { readLiveAudiences } from "../ga4/admin/read-audiences.js";
import { readLiveGa4 } from "../ga4/admin/read-live.js";
import { allInOrder } from "../google/all-in-order.js";
import type { BudgetSnapshot } from "../google/budget.js";
import { withAccessHint } from "../gtm/access-hint.js";
import { explainWorkspaceFailure } from "../gtm/concurrent-apply.js";
import { pointEnvironment } from "../gtm/environment.js";
import { findPendingVersion, publishVersion } from "../gtm/pending-publish.js";
import { createVersionAndPublish, type Published } from "../gtm/publish.js";
import { type LiveRead, readLiveGtm, readWorkspace } from "../gtm/read-live.js";
import { openSession, type Session, type SessionOptions } from "../gtm/session.js";
import { containerPath, createWorkspace, syncWorkspace, type WorkspaceRef } from "../gtm/workspace.js";
import { refuseDestroyAll } from "../plan/destroy-all.js";
import { PUBLISH_CALLS, WORKSPACE_LISTS } from "../plan/estimate.js";
import { usedDeletes } from "../plan/foreign-references.js";
import type { LiveGa4, LiveGtm } from "../plan/live-state.js";
import { fingerprint, makePlan } from "../plan/make-plan.js";
import { hasChanges, type Plan } from "../plan/model.js";
import { nameCollisions } from "../plan/name-collisions.js";
import { applyAudiences } from "./apply-audiences.js";
import { applyGa4, type Ga4ApplyResult } from "./apply-ga4.js";
import { applyGtm, type GtmApplyResult } from "./apply-gtm.js";

export interface DeployOptions extends Omit<SessionOptions, "scopes"> {
  force?: boolean;
  /** Allow a plan that deletes every owned entity (refused otherwise: destroy-all.ts). */
  allowDestroyAll?: boolean;
  /** Reuse a session (and its quota window) across plan and apply. */
  session?: Session;
}

/** Live state as one run read it: pass it from planDeploy to applyPlan to skip reading it again. */
export interface LiveSnapshot {
  read: LiveRead;
  ga4: LiveGa4;
}

export interface PlanResult {
  plan: Plan;
  /** The workspace is behind the latest version; apply syncs it first. */
  behind: boolean;
  budget: BudgetSnapshot;
  /** What the plan was made against (ApplyOptions.live). */
  live: LiveSnapshot;
}

export async function planDeploy(desired: DesiredState, options: DeployOptions = {}): Promise<PlanResult> {
  const s = options.session ?? (await openSession({ ...options, scopes: "plan" }));
  const live = await readLive(s, desired.target, desired.gtm, desired.ga4.propertyId);
  const plan = planFor(desired, live, s, options.force);
  return { plan, behind: live.read.behind, budget: s.budget.snapshot(), live };
}

function planFor(desired: DesiredState, live: LiveSnapshot, s: Session, force?: boolean): Plan {
  return makePlan(desired, live.read.live, live.ga4, { force, quota: s.quota, behind: live.read.behind });
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
  /**
   * The live state the plan was just made from, in this session (PlanResult.live): apply uses it
   * instead of reading it again. Only when nothing can have changed since (no pause for a human).
   */
  live?: LiveSnapshot;
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
  const at: WritePhase = {};
  try {
    return await applyOnce(what, { ...options, session: s }, at);
  } catch (err) {
    // A refused write may be another apply on the same workspace (concurrent-apply.ts).
    if (!at.container || !at.workspaceName) throw err;
    const { container, workspaceName, workspace, phase } = at;
    throw await explainWorkspaceFailure(err, s.gtmCaller, s.gtm, container, workspaceName, workspace, phase);
  }
}

/** Where apply is: reading, or writing to a workspace (undefined until found or created). */
interface WritePhase {
  container?: string;
  workspaceName?: string;
  workspace?: WorkspaceRef;
  phase?: "read" | "write";
}

async function applyOnce(
  what: { desired: DesiredState } | { plan: Plan },
  options: ApplyOptions & { session: Session },
  at: WritePhase,
): Promise<ApplyResult> {
  const s = options.session;
  const target = "plan" in what ? what.plan.gtm : what.desired.gtm;
  const targetName = "plan" in what ? what.plan.target : what.desired.target;
  const propertyId = "plan" in what ? what.plan.ga4.propertyId : what.desired.ga4.propertyId;
  const container = containerPath(target.accountId, target.containerId);
  Object.assign(at, { container, workspaceName: target.workspaceName, phase: "read" });
  const live = options.live ?? (await readLive(s, targetName, target, propertyId));
  let read = live.read;
  const ga4 = live.ga4;
  let plan = "plan" in what ? what.plan : planFor(what.desired, live, s, options.force);
  const empty = { gtm: { created: 0, updated: 0, deleted: 0 }, ga4: { created: 0, updated: 0, deleted: 0 } };
  if ("plan" in what) checkFingerprints(plan, read.live, ga4);
  refuseConflicts(plan, read.live);
  refuseDestroyAll(plan, options.allowDestroyAll);
  if (!hasChanges(plan) && options.publish && !read.workspace) {
    const pending = await findPendingVersion(s.gtmCaller, s.gtm, container, read.latestVersionId);
    // A version for an environment never goes live here: the earlier run stopped before pointing it.
    if (pending && target.environment) {
      const env = target.environment;
      if (await pointEnvironment(s.gtmCaller, s.gtm, container, env, pending.versionId))
        return {
          plan,
          ...empty,
          published: { ...pending, environment: env, resumed: true },
          budget: s.budget.snapshot(),
        };
    } else if (pending) {
      await publishVersion(s.gtmCaller, s.gtm, pending.versionId, pending.versionPath);
      options.onProgress?.(`publish version ${pending.versionId}`, 1, 1, 0);
      return { plan, ...empty, published: { ...pending, resumed: true }, budget: s.budget.snapshot() };
    }
  }
  if (!hasChanges(plan) && !(options.publish && read.workspace))
    return { plan, ...empty, budget: s.budget.snapshot() };

  // Progress counts every write: workspace create/sync, GTM and GA4 writes, create_version + publish.
  // The ETA covers the GTM calls still ahead, reads of a new workspace included, as the plan does.
  const publishCalls = options.publish ? PUBLISH_CALLS : 0;
  const workspaceWrite = !read.workspace || (read.behind && read.latestVersionId !== undefined) ? 1 : 0;
  const planned = plan.estimate;
  const gtmCalls = planned.gtmWrites - planned.workspaceWrites + workspaceWrite + publishCalls;
  const total = gtmCalls + planned.ga4Writes;
  let done = 0;
  let gtmDone = 0;
  let readsLeft = workspaceWrite ? WORKSPACE_LISTS : 0;
  const step = (gtmCall: boolean) => (name: string) => {
    if (gtmCall) gtmDone++;
    const eta = s.etaMs(Math.max(0, gtmCalls - gtmDone) + readsLeft);
    options.onProgress?.(name, ++done, Math.max(total, done), eta);
  };
  const gtmStep = step(true);

  // The workspace: create it when missing, sync it when behind; then the plan must see it as it is.
  let ws = read.workspace;
  Object.assign(at, { workspace: ws, phase: "write" });
  if (!ws) {
    ws = await createWorkspace(s.gtmCaller, s.gtm, container, target.workspaceName, read.latestVersionId);
    at.workspace = ws;
    gtmStep(`create workspace ${target.workspaceName}`);
  } else if (workspaceWrite) {
    ws = await syncWorkspace(s.gtmCaller, s.gtm, ws);
    gtmStep(`sync workspace ${target.workspaceName} to version ${read.latestVersionId}`);
  }
  if (workspaceWrite) {
    read = { ...read, live: await readWorkspace(s.gtmCaller, s.gtm, ws), workspace: ws, behind: false };
    readsLeft = 0;
    if ("plan" in what) checkFingerprints(plan, read.live, ga4);
    else plan = planFor(what.desired, { read, ga4 }, s, options.force);
    refuseConflicts(plan, read.live);
    refuseDestroyAll(plan, options.allowDestroyAll);
  }

  const gtmResult = await applyGtm(s.gtmCaller, s.gtm, ws, plan, read.live, gtmStep);
  const ga4Result = await applyGa4(s.ga4Caller, s.admin, plan, step(false));
  const aud = await applyAudiences(s.ga4Caller, s.adminAlpha, plan, step(false));
  ga4Result.created += aud.created;
  ga4Result.updated += aud.updated;
  ga4Result.deleted += aud.archived;
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
      !target.environment, // to an environment: the version is made, live stays as it is
      gtmStep,
    );
    if (target.environment) {
      await pointEnvironment(s.gtmCaller, s.gtm, container, target.environment, published.versionId, gtmStep);
      published = { ...published, environment: target.environment };
    }
  }
  return { plan, gtm: gtmResult, ga4: ga4Result, published, budget: s.budget.snapshot() };
}

async function readLive(
  s: Session,
  targetName: string,
  gtm: { accountId: string; containerId: string; workspaceName: string },
  propertyId: string,
): Promise<LiveSnapshot> {
  const read = await withAccessHint(targetName, gtm, () => readLiveGtm(s.gtmCaller, s.gtm, gtm));
  // GA4 after GTM: readLiveGtm counts the GTM reads on the shared budget for the plan's estimate.
  const [ga4, audiences] = await allInOrder([
    readLiveGa4(s.ga4Caller, s.admin, propertyId),
    readLiveAudiences(s.ga4Caller, s.adminAlpha, propertyId),
  ]);
  return { read, ga4: { ...ga4, audiences } };
}

/** The plan's own conflicts, and names it would write that the live state now holds (a saved plan). */
function refuseConflicts(plan: Plan, live: LiveGtm): void {
  const conflicts =
    plan.conflicts.length > 0 ? plan.conflicts : [...nameCollisions(plan, live), ...usedDeletes(plan, live)];
  if (conflicts.length > 0)
    throw new UserError(
      `cannot apply: ${conflicts.join("; ")}`,
      1,
      "Nothing was changed. Resolve it in GTM (rename the entity, or remove its use of ours), then plan again.",
    );
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
