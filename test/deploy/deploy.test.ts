import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { hasChanges } from "../../src/plan/model.js";
import { renderPlan } from "../../src/plan/render.js";
import {
  closeEmulators,
  control,
  desiredFrom,
  emulator,
  exampleDesired,
  exampleFiles,
  ownedKeys,
  session,
  workspaceEntities,
  wsControlPath,
} from "./harness.js";

afterEach(closeEmulators);

describe("deploy end to end (official clients → emulator)", () => {
  it("fresh deploy creates exactly the desired entities, paced without a single rate-limit answer", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    const s = await session(emu);
    const planned = await planDeploy(desired, { session: s });
    const result = await applyPlan({ desired }, { session: s });
    const ws = workspaceEntities(emu)!;
    expect(ownedKeys(ws.entities.tag)).toEqual(desired.gtm.tags.map((t) => t.key).sort());
    expect(ownedKeys(ws.entities.trigger)).toEqual(desired.gtm.triggers.map((t) => t.key).sort());
    expect(ownedKeys(ws.entities.variable)).toEqual(desired.gtm.variables.map((t) => t.key).sort());
    const folder = ws.entities.folder.find((f) => String(f.notes).includes("key=folder"))!;
    for (const e of [...ws.entities.tag, ...ws.entities.trigger, ...ws.entities.variable])
      expect(e.parentFolderId).toBe(folder.folderId);
    // tags reference the live ids of their triggers
    const triggerIds = new Set(ws.entities.trigger.map((t) => t.triggerId));
    for (const t of ws.entities.tag)
      for (const id of t.firingTriggerId as string[]) expect(triggerIds.has(id)).toBe(true);
    expect(result.budget.rateLimited).toBe(0);
    expect(result.budget.retries).toBe(0);
    // the estimate is what apply spent on GTM writes
    const gtmWrites = Object.entries(result.budget.byMethod)
      .filter(([m]) => !/^(keyEvents|customDimensions)\./.test(m) && !/\.(list|get|latest)$/.test(m))
      .reduce((n, [, c]) => n + c, 0);
    expect(gtmWrites).toBe(planned.plan.estimate.gtmWrites);
    const keyEvents = emu.state.ga4.properties.find((p) => p.propertyId === "400000001")!.keyEvents;
    expect(keyEvents.map((k) => k.eventName).sort()).toEqual(["add_to_cart", "demo_request", "purchase"]);
  });

  it("a no-op re-deploy makes zero writes and reads a constant number of times", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    const s = await session(emu); // one process: one quota window, so no retry blurs the counts
    const first = await applyPlan({ desired }, { session: s });
    emu.resetRequestCounts();
    const again = await applyPlan({ desired }, { session: s });
    expect(hasChanges(again.plan)).toBe(false);
    expect(again.budget.writes).toBe(first.budget.writes);
    expect(again.budget.rateLimited).toBe(0);
    // workspaces, latest, status, 5 GTM lists, 3 GA4 lists (key events, dimensions, audiences)
    expect(again.budget.reads - first.budget.reads).toBe(11);
    const routes = Object.keys(emu.requestCounts().byRoute);
    expect(routes.every((r) => r.startsWith("GET "))).toBe(true);
    expect(renderPlan(again.plan)).toContain("No changes");
  });

  it("changing one goal writes only that goal's entities", async () => {
    const emu = await emulator();
    const files = exampleFiles();
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices");
    const changed = desiredFrom(files);
    const { plan } = await planDeploy(changed, { session: await session(emu) });
    const writes = plan.gtm.changes.filter((c) => c.action !== "noop");
    expect(writes.length).toBeGreaterThan(0);
    const oldTriggerKeys = new Set(exampleDesired().gtm.triggers.map((t) => t.key));
    for (const c of writes) {
      // creates/updates name the goal; deletes are the goal's old content-addressed trigger
      if (c.action === "delete")
        expect(oldTriggerKeys.has(c.key) && c.name.includes("view_pricing")).toBe(true);
      else expect(c.goals).toEqual(["view_pricing"]);
    }
    const result = await applyPlan({ desired: changed }, { session: await session(emu) });
    expect(result.gtm.created + result.gtm.updated + result.gtm.deleted).toBe(writes.length);
    const after = (await planDeploy(changed, { session: await session(emu) })).plan;
    expect(renderPlan(after)).toContain("No changes");
    expect(hasChanges(after)).toBe(false);
  });

  it("a one-goal trigger change is one write: the trigger, updated in place; its tag is unchanged in GTM", async () => {
    const emu = await emulator();
    const files = exampleFiles();
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    const tagBefore = workspaceEntities(emu)!.entities.tag.find((t) =>
      String(t.name).endsWith("view_pricing"),
    )!;
    files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices");
    const changed = desiredFrom(files);
    const { plan } = await planDeploy(changed, { session: await session(emu) });
    const writes = plan.gtm.changes.filter((c) => c.action !== "noop");
    expect(writes.map((c) => [c.kind, c.action])).toEqual([["trigger", "update"]]);
    expect(plan.estimate.gtmWrites).toBe(1);
    const result = await applyPlan({ desired: changed }, { session: await session(emu) });
    expect(result.gtm.updated).toBe(1);
    const ws = workspaceEntities(emu)!;
    const tagAfter = ws.entities.tag.find((t) => t.tagId === tagBefore.tagId)!;
    expect(tagAfter).toEqual(tagBefore);
    const trigger = ws.entities.trigger.find(
      (t) => t.triggerId === (tagAfter.firingTriggerId as string[])[0],
    )!;
    expect(JSON.stringify(trigger)).toContain("/business/prices");
    expect(hasChanges((await planDeploy(changed, { session: await session(emu) })).plan)).toBe(false);
  });

  it("deleting a goal deletes its owned entities and its key event, nothing else", async () => {
    const emu = await emulator();
    const files = exampleFiles();
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });
    const before = workspaceEntities(emu)!.entities.tag.length;
    // drop demo_request (a macro with a key event and a custom dimension) and the goals leading to it
    const shop = files["goals/shop.yaml"];
    files["goals/b2b.yaml"] = "goals: []\n";
    files["goals/shop.yaml"] = shop.replace(/, demo_request\]/g, "]").replace(/\[demo_request, /g, "[");
    const smaller = desiredFrom(files);
    const result = await applyPlan({ desired: smaller }, { session: await session(emu) });
    expect(result.gtm.deleted).toBeGreaterThan(0);
    const ws = workspaceEntities(emu)!;
    expect(ownedKeys(ws.entities.tag)).toEqual(smaller.gtm.tags.map((t) => t.key).sort());
    expect(ws.entities.tag.length).toBeLessThan(before);
    const property = emu.state.ga4.properties.find((p) => p.propertyId === "400000001")!;
    expect(property.keyEvents.map((k) => k.eventName)).not.toContain("demo_request");
    expect(property.keyEvents.map((k) => k.eventName)).toContain("purchase"); // GA4's own, never ours
    expect(property.customDimensions.find((d) => d.parameterName === "company_size")?.archived).toBe(true);
  });

  it("reports drift and leaves the edited entity alone unless forced", async () => {
    const emu = await emulator();
    const desired = exampleDesired();
    await applyPlan({ desired }, { session: await session(emu) });
    const ws = workspaceEntities(emu)!;
    const tag = ws.entities.tag.find((t) => String(t.name).includes("view_pricing"))!;
    await control(emu, "PATCH", `${wsControlPath(emu)}/tags/${tag.tagId}`, {
      name: "view pricing (edited by Ann)",
    });
    const { plan } = await planDeploy(desired, { session: await session(emu) });
    const drift = plan.gtm.changes.filter((c) => c.action === "drift");
    expect(drift.map((c) => c.id)).toEqual([tag.tagId]);
    expect(renderPlan(plan)).toMatch(
      /! drift +tag .*view_pricing[\s\S]*name: "view pricing \(edited by Ann\)" →/,
    );
    const left = await applyPlan({ desired }, { session: await session(emu) });
    expect(left.budget.writes).toBe(0);
    expect(workspaceEntities(emu)!.entities.tag.find((t) => t.tagId === tag.tagId)!.name).toBe(
      "view pricing (edited by Ann)",
    );
    const forced = await applyPlan({ desired }, { session: await session(emu), force: true });
    expect(forced.gtm.updated).toBe(1);
    expect(workspaceEntities(emu)!.entities.tag.find((t) => t.tagId === tag.tagId)!.name).toBe(
      desired.gtm.tags.find((t) => t.body.name.includes("view_pricing"))!.body.name,
    );
  });
});
