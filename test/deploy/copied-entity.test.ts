import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import {
  closeEmulators,
  control,
  emulator,
  exampleDesired,
  session,
  workspaceEntities,
  wsControlPath,
} from "./harness.js";

afterEach(closeEmulators);

describe("a copy of an owned entity, edited by hand", () => {
  it("is drift under its own name and id, and survives apply without --force", async () => {
    const emu = await emulator();
    await applyPlan({ desired: exampleDesired() }, { session: await session(emu) });
    const original = workspaceEntities(emu)!.entities.tag.find((t) => String(t.name).includes("purchase"))!;
    await control(emu, "DELETE", "/quota");
    // What "Copy" in the GTM UI makes (notes kept), then an edit of the copy.
    const { tagId: _id, fingerprint: _f, path: _p, name, parameter, ...rest } = original;
    const copy = (await control(emu, "POST", `${wsControlPath(emu)}/tags`, {
      ...rest,
      name: `Copy of ${name}`,
      parameter: [...(parameter as unknown[]), { type: "template", key: "sendEcommerceData", value: "true" }],
    })) as { tagId: string };

    const { plan } = await planDeploy(exampleDesired(), { session: await session(emu) });
    const about = plan.gtm.changes.filter((c) => c.id === copy.tagId);
    expect(about).toEqual([
      expect.objectContaining({ action: "drift", kind: "tag", name: `Copy of ${name}`, id: copy.tagId }),
    ]);
    expect(plan.gtm.changes.filter((c) => c.action === "delete")).toEqual([]);
    expect(plan.warnings.join("\n")).toMatch(new RegExp(`"Copy of ${name}" \\(id ${copy.tagId}\\)`));

    await applyPlan({ desired: exampleDesired() }, { session: await session(emu) });
    const tags = workspaceEntities(emu)!.entities.tag;
    expect(tags.some((t) => t.tagId === copy.tagId)).toBe(true);
    expect(tags.some((t) => t.tagId === original.tagId)).toBe(true);

    // --force deletes it, still under its own name.
    const forced = await planDeploy(exampleDesired(), { session: await session(emu), force: true });
    expect(forced.plan.gtm.changes.filter((c) => c.action === "delete")).toEqual([
      expect.objectContaining({ name: `Copy of ${name}`, id: copy.tagId }),
    ]);
  });
});
