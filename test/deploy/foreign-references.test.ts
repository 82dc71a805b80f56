import { afterEach, describe, expect, it } from "vitest";
import { parseMarker } from "../../src/compile/ownership.js";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { hasChanges } from "../../src/plan/model.js";
import {
  closeEmulators,
  control,
  desiredFrom,
  emulator,
  exampleFiles,
  session,
  workspaceEntities,
  wsControlPath,
} from "./harness.js";

afterEach(closeEmulators);

/** The example without the size-guide goal (no funnel or leads_to uses it). */
function withoutSizeGuide(): Record<string, string> {
  const files = exampleFiles();
  const shop = files["goals/shop.yaml"];
  const start = shop.indexOf("  - id: size_guide_open");
  const end = shop.indexOf("  - id: newsletter_signup");
  files["goals/shop.yaml"] = shop.slice(0, start) + shop.slice(end);
  return files;
}

describe("owned entities a hand-made entity still uses", () => {
  it("are kept, with the reason, so the workspace stays publishable", async () => {
    const emu = await emulator();
    await applyPlan({ desired: desiredFrom(exampleFiles()) }, { session: await session(emu) });
    const ws = workspaceEntities(emu)!;
    const trigger = ws.entities.trigger.find((t) => String(t.name).includes("size_guide_open"))!;
    const ownedTag = ws.entities.tag.find((t) => String(t.name).includes("size_guide_open"))!;
    expect(parseMarker(trigger.notes as string)).toBeDefined();
    await control(emu, "DELETE", "/quota");
    await control(emu, "POST", `${wsControlPath(emu)}/tags`, {
      name: "Hotjar on size guide (by hand)",
      type: "html",
      parameter: [{ type: "template", key: "html", value: "<script>/* hotjar */</script>" }],
      firingTriggerId: [trigger.triggerId],
    });

    const desired = desiredFrom(withoutSizeGuide());
    const { plan } = await planDeploy(desired, { session: await session(emu) });
    const t = plan.gtm.changes.find((c) => c.kind === "trigger" && c.id === trigger.triggerId)!;
    expect(t.action).toBe("noop");
    expect(t.note).toMatch(/Hotjar on size guide \(by hand\)" \(not made by microgoals\) still uses it/);
    expect(plan.warnings.join("\n")).toMatch(/no longer in the spec, but tag "Hotjar on size guide/);
    // Our own tag on that trigger goes as planned.
    expect(plan.gtm.changes.find((c) => c.id === ownedTag.tagId)?.action).toBe("delete");

    const r = await applyPlan({ desired }, { session: await session(emu), publish: true });
    expect(r.published).toBeDefined(); // no compilerError
    const again = await planDeploy(desired, { session: await session(emu) });
    expect(hasChanges(again.plan)).toBe(false);
  });

  it("a saved plan is refused, before any write, when a hand-made tag started using what it deletes", async () => {
    const emu = await emulator();
    await applyPlan({ desired: desiredFrom(exampleFiles()) }, { session: await session(emu) });
    const { plan } = await planDeploy(desiredFrom(withoutSizeGuide()), { session: await session(emu) });
    const saved = JSON.parse(JSON.stringify(plan));
    const trigger = workspaceEntities(emu)!.entities.trigger.find((t) =>
      String(t.name).includes("size_guide_open"),
    )!;
    expect(saved.gtm.changes.find((c: { id?: string }) => c.id === trigger.triggerId)?.action).toBe("delete");
    await control(emu, "DELETE", "/quota");
    await control(emu, "POST", `${wsControlPath(emu)}/tags`, {
      name: "Hotjar on size guide (by hand)",
      type: "html",
      parameter: [{ type: "template", key: "html", value: "<script></script>" }],
      firingTriggerId: [trigger.triggerId],
    });
    const s = await session(emu);
    const err = await applyPlan({ plan: saved }, { session: s }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /cannot apply: trigger ".*size_guide_open.*" would be deleted, but tag "Hotjar on size guide \(by hand\)" \(not made by microgoals\) still uses it now/,
    );
    expect(s.budget.snapshot().writes).toBe(0);
  });
});
