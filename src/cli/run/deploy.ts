// `microgoals plan` and `microgoals apply`: load + compile the spec, call the deploy API, print the
// plan, progress and the call budget. Ctrl-C stops between API calls.

import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { promisify } from "node:util";
import { compile } from "../../compile/compile.js";
import type { DesiredState } from "../../compile/desired-state.js";
import { applyPlan, type LiveSnapshot, planDeploy } from "../../deploy/deploy.js";
import { UserError } from "../../errors.js";
import { formatBudget } from "../../google/budget.js";
import { AbortedError } from "../../google/clock.js";
import { openSession, type Session, type SessionOptions } from "../../gtm/session.js";
import { DESTROY_ALL_WARNING, destroysAll, refuseDestroyAll } from "../../plan/destroy-all.js";
import { hasChanges, type Plan } from "../../plan/model.js";
import { renderPlan } from "../../plan/render.js";
import { loadSavedPlan, type PlanConnection, savePlan } from "../../plan/saved-plan.js";
import { loadValidProject } from "../../project/load-valid.js";
import { projectRules } from "../../report/rules/index.js";
import { progressReporter } from "../progress.js";
import { checkTarget } from "./check-target.js";

export interface Common {
  target?: string;
  endpoint?: string;
  credentials?: string;
  quota?: string;
  timeScale?: string;
  force?: boolean;
}

export interface PlanFlags extends Common {
  out?: string;
  json?: boolean;
  detailedExitcode?: boolean;
}

export interface ApplyFlags extends Common {
  yes?: boolean;
  publish?: boolean;
  versionName?: string;
  allowDestroyAll?: boolean;
}

async function desiredFor(
  dir: string,
  target: string | undefined,
): Promise<{ desired: DesiredState; goals: number }> {
  const project = await loadValidProject(dir, {
    rules: projectRules,
    consequence: "nothing was planned or applied",
  });
  checkTarget(project, target);
  return { desired: compile(project, target), goals: project.goals.length };
}

function quotaOf(flags: Common): number | undefined {
  if (flags.quota === undefined) return undefined;
  const n = Number(flags.quota);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`--quota must be a positive integer, got ${flags.quota}`, 2);
  return n;
}

/** --time-scale or MICROGOALS_TIME_SCALE: follow an emulator whose quota window runs x times faster. */
function timeScaleOf(flags: Common): number | undefined {
  const raw = flags.timeScale ?? (process.env.MICROGOALS_TIME_SCALE || undefined);
  if (raw === undefined) return undefined;
  const x = Number(raw);
  const from = flags.timeScale === undefined ? "MICROGOALS_TIME_SCALE" : "--time-scale";
  if (!Number.isFinite(x) || x <= 0) throw new UserError(`${from} must be a positive number, got ${raw}`, 2);
  return x;
}

export function sessionFor(flags: Common, scopes: SessionOptions["scopes"]): Promise<Session> {
  return openSession({
    endpoint: flags.endpoint,
    credentials: flags.credentials,
    quota: quotaOf(flags),
    timeScale: timeScaleOf(flags),
    scopes,
  });
}

/** The call budget is printed whatever happens: a failed deploy's spend matters most. */
export async function withBudget<T>(session: Session, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    console.error(formatBudget(session.budget.snapshot()));
    throw err;
  }
}

/** Ctrl-C aborts between calls; a second Ctrl-C kills immediately. */
async function interruptible<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSigint = () => {
    process.stderr.write("\nStopping after the current API call (Ctrl-C again to kill)...\n");
    ac.abort(new AbortedError());
    process.removeListener("SIGINT", onSigint);
  };
  process.on("SIGINT", onSigint);
  try {
    return await run(ac.signal);
  } catch (err) {
    if (err instanceof AbortedError) throw new UserError(err.message, 130);
    throw err;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}

export async function runPlan(dir: string, flags: PlanFlags): Promise<void> {
  const { desired } = await desiredFor(dir, flags.target);
  const session = await sessionFor(flags, "plan");
  const result = await withBudget(session, () =>
    interruptible((signal) =>
      planDeploy(desired, { session: session.withSignal(signal), force: flags.force }),
    ),
  );
  if (flags.out) await savePlan(flags.out, result.plan, connectionOf(flags));
  if (flags.json) process.stdout.write(`${JSON.stringify(result.plan, null, 2)}\n`);
  else {
    process.stdout.write(renderPlan(result.plan));
    if (destroysAll(result.plan)) console.log(`Note: ${DESTROY_ALL_WARNING}.`);
    if (result.behind)
      console.log("Note: the workspace is behind the latest container version; apply syncs it first.");
    if (flags.out)
      console.log(`Saved plan to ${flags.out}; apply it with \`microgoals apply ${flags.out}\`.`);
  }
  console.error(formatBudget(result.budget));
  if (flags.detailedExitcode && hasChanges(result.plan)) process.exitCode = 2;
}

/** What a saved plan remembers of the connection: the endpoint and the quota clock, never credentials. */
function connectionOf(flags: Common): PlanConnection {
  const endpoint = flags.endpoint ?? (process.env.MICROGOALS_ENDPOINT || undefined);
  const timeScale = timeScaleOf(flags);
  return { ...(endpoint ? { endpoint } : {}), ...(timeScale ? { timeScale } : {}) };
}

export async function runApply(input: string, flags: ApplyFlags): Promise<void> {
  const isPlanFile = existsSync(input) && statSync(input).isFile();
  if (!existsSync(input) && /\.json$/i.test(input))
    throw new UserError(`${input} does not exist`, 1, "Make a plan with `microgoals plan --out plan.json`.");
  // The spec (or saved plan) first: a broken spec is reported before credentials are looked for.
  const saved = isPlanFile ? await loadSavedPlan(input) : undefined;
  const source = saved ? { plan: saved.plan } : await desiredFor(input, flags.target);
  // A saved plan is applied where and at the pace it was made, unless flags say otherwise.
  const connected: ApplyFlags = saved
    ? {
        ...flags,
        endpoint: flags.endpoint ?? (process.env.MICROGOALS_ENDPOINT || saved.connection.endpoint),
        timeScale:
          flags.timeScale ?? (process.env.MICROGOALS_TIME_SCALE || numberText(saved.connection.timeScale)),
      }
    : flags;
  // One session for preview and apply: the same quota window paces both.
  const session = await sessionFor(connected, flags.publish ? "publish" : "apply");
  await withBudget(session, () => applyWith(session, input, isPlanFile, source, flags));
}

async function applyWith(
  session: Session,
  input: string,
  isPlanFile: boolean,
  source: { plan: Plan } | { desired: DesiredState },
  flags: ApplyFlags,
): Promise<void> {
  let preview: Plan;
  // State read for the preview; apply reuses it unless a person paused to read the plan.
  let live: LiveSnapshot | undefined;
  if ("plan" in source) preview = source.plan;
  else {
    const desired = source.desired;
    const planned = await interruptible((signal) =>
      planDeploy(desired, { session: session.withSignal(signal), force: flags.force }),
    );
    preview = planned.plan;
    live = planned.live;
  }
  process.stdout.write(renderPlan(preview));
  if (destroysAll(preview)) console.log(`Note: ${DESTROY_ALL_WARNING}.`);
  // Before the confirmation prompt: a "yes" must not be asked for a plan that will be refused.
  refuseDestroyAll(preview, flags.allowDestroyAll);
  if (!hasChanges(preview) && !flags.publish) {
    console.error(formatBudget(session.budget.snapshot()));
    return;
  }
  // A saved plan was the review (as with Terraform): it applies without asking, and its
  // fingerprints still refuse anything that changed since.
  if (!flags.yes && !isPlanFile) {
    await confirm();
    // Minutes may have passed: read again, and refuse if anything the plan depends on changed.
    live = undefined;
  }

  const version = flags.publish
    ? await versionInfo(isPlanFile ? "." : input, flags.versionName, preview)
    : undefined;
  const bar = await progressReporter();
  try {
    // Exactly the plan shown (and confirmed): its fingerprints are checked against live state.
    const result = await interruptible((signal) =>
      applyPlan(
        { plan: preview },
        {
          session: session.withSignal(signal),
          force: flags.force,
          allowDestroyAll: flags.allowDestroyAll,
          publish: flags.publish,
          version,
          live,
          onProgress: bar.update,
        },
      ),
    );
    bar.stop();
    const g = result.gtm;
    const a = result.ga4;
    console.log(
      `Applied: GTM ${g.created} created, ${g.updated} updated, ${g.deleted} deleted; ` +
        `GA4 ${a.created} created, ${a.updated} updated, ${a.deleted} deleted/archived.`,
    );
    const pub = result.published;
    if (pub?.resumed && pub.environment)
      console.log(
        `Pointed GTM environment "${pub.environment}" at container version ${pub.versionId} "${pub.name}", made by an earlier apply that stopped before pointing it.`,
      );
    else if (pub?.resumed)
      console.log(
        `Published container version ${pub.versionId} "${pub.name}", made by an earlier apply that stopped before publishing it.`,
      );
    else if (pub?.environment)
      console.log(
        `Created container version ${pub.versionId} "${pub.name}" and pointed GTM environment "${pub.environment}" at it (live unchanged; \`microgoals promote --from ${pub.environment}\` publishes it).`,
      );
    else if (pub) console.log(`Published container version ${pub.versionId} "${pub.name}".`);
    console.error(formatBudget(result.budget));
  } finally {
    bar.stop();
  }
}

async function confirm(): Promise<void> {
  if (!process.stdin.isTTY)
    throw new UserError("refusing to apply without confirmation", 2, "Pass --yes in scripts and CI.");
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Apply these changes? Type 'yes' to continue: ");
  rl.close();
  if (answer.trim() !== "yes") throw new UserError("apply cancelled; nothing was changed", 1);
}

/** Version name and notes carry the git commit when the project is in a git checkout. */
async function versionInfo(
  dir: string,
  name: string | undefined,
  plan: Plan,
): Promise<{ name: string; notes: string }> {
  let commit: string | undefined;
  try {
    const run = promisify(execFile);
    commit = (await run("git", ["-C", dir, "rev-parse", "--short=12", "HEAD"])).stdout.trim();
    const dirty = (await run("git", ["-C", dir, "status", "--porcelain"])).stdout.trim().length > 0;
    if (dirty) commit += "-dirty";
  } catch {
    commit = undefined;
  }
  return {
    name: name ?? `microgoals ${plan.target}${commit ? ` ${commit}` : ""}`,
    notes: `Deployed by microgoals (target ${plan.target})${commit ? ` from git commit ${commit}` : ""}.`,
  };
}

function numberText(n: number | undefined): string | undefined {
  return n === undefined ? undefined : String(n);
}
