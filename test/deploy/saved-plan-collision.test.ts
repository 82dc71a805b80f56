import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { UserError } from "../../src/errors.js";
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

describe("a saved plan and a name taken after it was made", () => {
  it("is refused before the first write", async () => {
    const emu = await emulator();
    const files = exampleFiles();
    const shop = files["goals/shop.yaml"];
    const withoutNewsletter =
      shop.slice(0, shop.indexOf("  - id: newsletter_signup")) +
      shop.slice(shop.indexOf("  - id: reviews_seen"));
    files["goals/shop.yaml"] = withoutNewsletter;
    await applyPlan({ desired: desiredFrom(files) }, { session: await session(emu) });

    // The plan adds the newsletter goal back; it is saved and applied later.
    const { plan } = await planDeploy(desiredFrom(exampleFiles()), { session: await session(emu) });
    const saved = JSON.parse(JSON.stringify(plan));
    const tag = plan.gtm.changes.find((c) => c.kind === "tag" && c.action === "create")!;
    expect(plan.gtm.changes.filter((c) => c.action === "create").length).toBeGreaterThan(1);

    // Meanwhile a person makes a tag with that name (foreign: no marker).
    await control(emu, "DELETE", "/quota");
    await control(emu, "POST", `${wsControlPath(emu)}/tags`, {
      name: tag.name,
      type: "html",
      parameter: [{ type: "template", key: "html", value: "<script></script>" }],
    });
    const before = workspaceEntities(emu)!.entities.tag.length;

    const s = await session(emu);
    const err = await applyPlan({ plan: saved }, { session: s }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(`cannot apply: a tag named "${tag.name}" now exists`);
    expect(s.budget.snapshot().writes).toBe(0);
    expect(workspaceEntities(emu)!.entities.tag.length).toBe(before);
  });
});
