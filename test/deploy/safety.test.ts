import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import type { Emulator } from "../../src/emulator/server.js";
import { UserError } from "../../src/errors.js";
import { hasChanges } from "../../src/plan/model.js";
import {
  closeEmulators,
  control,
  desiredFrom,
  emulator,
  exampleDesired,
  exampleFiles,
  session,
  workspaceEntities,
  wsControlPath,
} from "./harness.js";

afterEach(closeEmulators);

const DEFAULT_WS = "/gtm/accounts/6000001/containers/9000001/workspaces/1";

/** Foreign entities a person made in the Default Workspace, named like ours, some with marker-ish notes. */
async function seedForeign(e: Emulator, sameName = false): Promise<void> {
  await control(e, "DELETE", "/quota"); // these raw calls are not paced
  await control(e, "POST", `${DEFAULT_WS}/variables`, {
    name: sameName ? "microgoals · DLV · ecommerce.value" : "microgoals · DLV · ecommerce.value (copy)",
    type: "v",
    parameter: [{ type: "template", key: "name", value: "ecommerce.value" }],
    notes: "made by hand; mentions microgoals but has no marker",
  });
  const trig = (await control(e, "POST", `${DEFAULT_WS}/triggers`, {
    name: "microgoals · trigger · data_layer · purchase (old)",
    type: "customEvent",
    customEventFilter: [
      {
        type: "equals",
        parameter: [
          { type: "template", key: "arg0", value: "{{_event}}" },
          { type: "template", key: "arg1", value: "purchase" },
        ],
      },
    ],
  })) as { triggerId: string };
  await control(e, "POST", `${DEFAULT_WS}/tags`, {
    name: "microgoals purchase (old, by hand)",
    type: "html",
    parameter: [{ type: "template", key: "html", value: "<script>/* legacy */</script>" }],
    firingTriggerId: [trig.triggerId],
  });
  // publish the Default Workspace so our new workspace starts from a version holding the foreign entities
  const s = await session(e);
  const cv = await s.gtm.accounts.containers.workspaces.create_version({
    path: "accounts/6000001/containers/9000001/workspaces/1",
    requestBody: { name: "by hand" },
  });
  await s.gtm.accounts.containers.versions.publish({ path: cv.data.containerVersion!.path! });
}

function foreign(e: Emulator) {
  const ws = workspaceEntities(e)!;
  const notOurs = (x: Record<string, unknown>) => !String(x.notes ?? "").includes("microgoals:v1");
  const strip = ({ fingerprint: _f, parentFolderId: _p, ...rest }: Record<string, unknown>) => rest;
  return {
    tags: ws.entities.tag.filter(notOurs).map(strip),
    triggers: ws.entities.trigger.filter(notOurs).map(strip),
    variables: ws.entities.variable.filter(notOurs).map(strip),
  };
}

describe("safety with things microgoals does not own", () => {
  it("leaves foreign tags, triggers and variables with similar names untouched, through create and delete", async () => {
    const emu = await emulator();
    await seedForeign(emu);
    emu.quota.reset(); // the seeding's calls were another client's: this run starts a fresh window
    const files = exampleFiles();
    const first = await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    expect(first.budget.rateLimited).toBe(0);
    const before = foreign(emu);
    expect(before.tags).toHaveLength(1);
    expect(before.triggers).toHaveLength(1);
    expect(before.variables).toHaveLength(1);
    // now delete every goal: only ours go away
    files["goals/b2b.yaml"] = "goals: []\n";
    files["goals/shop.yaml"] = "goals: []\n";
    const emptied = await applyPlan(
      { desired: desiredFrom(files) },
      { session: await session(emu), force: true, allowDestroyAll: true },
    );
    expect(emptied.gtm.deleted).toBeGreaterThan(0);
    const ws = workspaceEntities(emu)!;
    expect(ws.entities.tag.filter((t) => String(t.notes ?? "").includes("microgoals:v1"))).toEqual([]);
    expect(foreign(emu)).toEqual(before);
  });

  it("refuses, before any write, to create an entity whose exact name a foreign one already has", async () => {
    const emu = await emulator();
    await seedForeign(emu, true);
    const s = await session(emu);
    const { plan } = await planDeploy(exampleDesired(), { session: s });
    expect(plan.conflicts).toEqual([
      'a variable named "microgoals · DLV · ecommerce.value" exists without the microgoals marker; rename it in GTM or add the marker line to its notes to hand it to microgoals',
    ]);
    const err = await applyPlan({ desired: exampleDesired() }, { session: s }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot apply: a variable named/);
    expect(s.budget.snapshot().writes).toBe(0);
  });

  it("refuses a saved plan when an owned entity was edited after the plan was made", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    await applyPlan({ desired }, { session: await session(emu) });
    const files = exampleFiles();
    files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices");
    const { plan } = await planDeploy(desiredFrom(files), { session: await session(emu) });
    const saved = JSON.parse(JSON.stringify(plan));
    const tag = workspaceEntities(emu)!.entities.tag[0];
    await control(emu, "PATCH", `${wsControlPath(emu)}/tags/${tag.tagId}`, { name: "renamed in the UI" });
    const s = await session(emu);
    const err = await applyPlan({ plan: saved }, { session: s }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/changed since this plan was made \(tag:/);
    expect(s.budget.snapshot().writes).toBe(0);
  });

  it("applies an unchanged saved plan exactly", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    const { plan } = await planDeploy(desired, { session: await session(emu) });
    const result = await applyPlan(
      { plan: JSON.parse(JSON.stringify(plan)) },
      { session: await session(emu) },
    );
    // As the plan counts them: each entity, plus the folder and the built-in variables it enables.
    expect(plan.gtm.folder.action).toBe("create");
    expect(plan.gtm.enableBuiltIns.length).toBeGreaterThan(0);
    expect(result.gtm.created).toBe(plan.gtm.changes.filter((c) => c.action === "create").length + 2);
    expect(hasChanges((await planDeploy(desired, { session: await session(emu) })).plan)).toBe(false);
  });

  it("publish: compilerError answered with HTTP 200 stops with a clear error; the next run publishes", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    await control(emu, "POST", "/gtm/compiler-error", { count: 1 });
    const err = await applyPlan({ desired }, { session: await session(emu), publish: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/compilerError/);
    expect(workspaceEntities(emu)).toBeDefined(); // the workspace and its changes are kept
    const ok = await applyPlan(
      { desired },
      { session: await session(emu), publish: true, version: { name: "v-ok", notes: "n" } },
    );
    expect(ok.published?.name).toBe("v-ok");
    const c = emu.state.gtm.accounts[0].containers.find((x) => x.containerId === "9000001")!;
    expect(c.liveVersionId).toBe(ok.published?.versionId);
    expect(workspaceEntities(emu)).toBeUndefined(); // create_version deleted it
    // the next run reads the published version, sees no changes, and makes no writes
    const again = await applyPlan({ desired }, { session: await session(emu) });
    expect(again.budget.writes).toBe(0);
  });

  it("syncs a workspace that is behind the latest version before writing", async () => {
    const emu = await emulator();
    const files = exampleFiles();
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    await seedForeign(emu); // someone publishes from the Default Workspace
    files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices");
    const { behind } = await planDeploy(desiredFrom(files), { session: await session(emu) });
    expect(behind).toBe(true);
    const r = await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    expect(r.budget.byMethod["workspaces.sync"]).toBe(1);
    expect(foreign(emu).tags).toHaveLength(1); // the published foreign tag arrived by sync
    const next = await planDeploy(desiredFrom(files), { session: await session(emu) });
    expect(hasChanges(next.plan)).toBe(false);
  });
});
