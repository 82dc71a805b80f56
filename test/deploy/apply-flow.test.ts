// The apply flow as the CLI drives it: the previewed plan is applied (its live read reused), the
// plan's estimate counts every GTM call apply makes, progress counts every write, built-ins a new
// workspace already has are not planned, and a wrong container names the target and what to check.
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import type { BudgetSnapshot } from "../../src/google/budget.js";
import { GTM_DEFAULT_BUILT_INS } from "../../src/gtm/read-live.js";
import {
  closeEmulators,
  desiredFrom,
  emulator,
  exampleDesired,
  exampleFiles,
  session,
  workspaceEntities,
} from "./harness.js";

afterEach(closeEmulators);

function gtmCalls(b: BudgetSnapshot): number {
  return Object.entries(b.byMethod)
    .filter(([m]) => !/^(keyEvents|customDimensions|audiences)\./.test(m))
    .reduce((n, [, c]) => n + c, 0);
}

describe("apply flow", () => {
  it("the estimate counts every GTM call apply makes: reads, writes and publish", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    const { plan } = await planDeploy(desired, { session: await session(emu) });
    const e = plan.estimate;
    expect(e.gtmReads).toBeGreaterThan(0);
    emu.quota.reset(); // a fresh window: the plan's reads were another process's
    const steps: { done: number; total: number }[] = [];
    const applied = await applyPlan(
      { plan },
      {
        session: await session(emu), // a second process: only the apply's calls in this budget
        publish: true,
        onProgress: (_step, done, total) => steps.push({ done, total }),
      },
    );
    expect(applied.budget.retries).toBe(0);
    expect(gtmCalls(applied.budget)).toBe(e.gtmReads + e.gtmWrites + 2);
    // One progress step per write, publish included; the total never moves.
    expect(steps.map((s) => s.done)).toEqual(steps.map((_, i) => i + 1));
    expect(new Set(steps.map((s) => s.total))).toEqual(new Set([applied.budget.writes]));
    expect(steps.length).toBe(applied.budget.writes);
  });

  it("the estimate counts the pages of every list apply reads", async () => {
    const emu = await emulator({ pageSize: 5 });
    const files = exampleFiles();
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices");
    emu.quota.reset();
    const { plan } = await planDeploy(desiredFrom(files), { session: await session(emu) });
    const e = plan.estimate;
    expect(e.gtmReads).toBeGreaterThan(8); // 8 calls when every list fits in one page
    emu.quota.reset();
    const applied = await applyPlan({ plan }, { session: await session(emu) });
    expect(applied.budget.retries).toBe(0);
    expect(gtmCalls(applied.budget)).toBe(e.gtmReads + e.gtmWrites);
  });

  it("apply of the previewed plan reuses its live read: no second read of the same state", async () => {
    const emu = await emulator();
    const files = exampleFiles();
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices");
    const changed = desiredFrom(files);

    emu.quota.reset(); // each session below is a new process: a fresh window, no refusal to re-send
    const s = await session(emu);
    const preview = await planDeploy(changed, { session: s });
    const readsForPlan = preview.budget.reads;
    const reused = await applyPlan({ plan: preview.plan }, { session: s, live: preview.live });
    expect(reused.gtm.created + reused.gtm.updated + reused.gtm.deleted).toBeGreaterThan(0);
    expect(reused.budget.reads).toBe(readsForPlan); // 10: workspaces, latest, status, 5 GTM + 2 GA4 lists

    // Without the snapshot (after a pause for confirmation) apply reads again and checks fingerprints.
    emu.quota.reset();
    const s2 = await session(emu);
    const again = await planDeploy(exampleDesired(), { session: s2 });
    const reread = await applyPlan({ plan: again.plan }, { session: s2 });
    expect(reread.budget.reads).toBe(2 * again.budget.reads);
  });

  it("does not plan to enable the built-ins GTM gives a new workspace", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    const defaults = desired.gtm.builtInVariables.filter((t) => GTM_DEFAULT_BUILT_INS.includes(t));
    expect(defaults.length).toBeGreaterThan(0); // the example needs some of them
    const { plan } = await planDeploy(desired, { session: await session(emu) });
    expect(plan.gtm.enableBuiltIns.filter((t) => defaults.includes(t))).toEqual([]);
    const before = new Set(plan.gtm.enableBuiltIns);
    await applyPlan({ plan }, { session: await session(emu) });
    const live = workspaceEntities(emu)!.entities.builtInVariable.map((b) => String(b.type));
    for (const t of desired.gtm.builtInVariables) expect(live).toContain(t);
    // Everything enabled beyond GTM's defaults is what the plan listed.
    expect(live.filter((t) => !GTM_DEFAULT_BUILT_INS.includes(t)).sort()).toEqual([...before].sort());
  });

  it("a wrong container names the target, the container path and what to check", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    const wrong = { ...desired, gtm: { ...desired.gtm, containerId: "9999999" } };
    const err = (await planDeploy(wrong, { session: await session(emu) }).catch((e: unknown) => e)) as {
      message: string;
      hint?: string;
    };
    expect(err.message).toMatch(/workspaces\.list failed \(HTTP 404\)/);
    expect(err.hint).toContain(`Target ${desired.target}`);
    expect(err.hint).toContain("accounts/6000001/containers/9999999");
    expect(err.hint).toMatch(/microgoals\.yaml/);
    expect(err.hint).toMatch(/User Management/);
  });
});
