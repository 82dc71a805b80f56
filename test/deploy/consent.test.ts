// Consent end to end: consentSettings reach GTM, a changed consent is one field-diffed update, and a
// re-deploy of the same spec writes nothing (GTM's notSet default is the compiler's "absent").
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { hasChanges } from "../../src/plan/model.js";
import { renderPlan } from "../../src/plan/render.js";
import {
  closeEmulators,
  desiredFrom,
  emulator,
  exampleFiles,
  session,
  workspaceEntities,
} from "./harness.js";

afterEach(closeEmulators);

function withConsent(files: Record<string, string>, consent: string): Record<string, string> {
  return {
    ...files,
    "microgoals.yaml": files["microgoals.yaml"].replace(
      "install_google_tag: false\n",
      `install_google_tag: false\nconsent: ${consent}\n`,
    ),
  };
}

const tagNamed = (emu: Awaited<ReturnType<typeof emulator>>, suffix: string) =>
  workspaceEntities(emu)!.entities.tag.find((t) => String(t.name).endsWith(suffix))!;

describe("consent end to end", () => {
  it("deploys consentSettings, re-deploys with zero writes, and plans a consent change as a field diff", async () => {
    const emu = await emulator();
    const files = withConsent(exampleFiles(), "[analytics_storage]");
    const desired = desiredFrom(files);
    const s = await session(emu);
    await applyPlan({ desired }, { session: s });
    expect(tagNamed(emu, "view_pricing").consentSettings).toEqual({
      consentStatus: "needed",
      consentType: { type: "list", list: [{ type: "template", value: "analytics_storage" }] },
    });

    const again = await applyPlan({ desired }, { session: s });
    expect(hasChanges(again.plan)).toBe(false);
    expect(again.gtm.created + again.gtm.updated + again.gtm.deleted).toBe(0);

    const stricter = desiredFrom(withConsent(exampleFiles(), "[analytics_storage, ad_storage]"));
    const { plan } = await planDeploy(stricter, { session: await session(emu) });
    const updates = plan.gtm.changes.filter((c) => c.action === "update");
    expect(updates.length).toBeGreaterThan(0);
    expect(plan.gtm.changes.filter((c) => c.action === "create" || c.action === "delete")).toEqual([]);
    for (const u of updates) {
      expect(u.kind).toBe("tag");
      expect(u.diff!.every((d) => d.path.startsWith("consentSettings."))).toBe(true);
    }
    const text = renderPlan(plan);
    expect(text).toContain("consentSettings.consentType.list");
    const result = await applyPlan({ desired: stricter }, { session: await session(emu) });
    expect(result.gtm.updated).toBe(updates.length);
    expect(tagNamed(emu, "view_pricing").consentSettings).toMatchObject({ consentStatus: "needed" });
    expect(hasChanges((await planDeploy(stricter, { session: await session(emu) })).plan)).toBe(false);
  });

  it("taking consent away updates the tags back to GTM's notSet and then stays at zero writes", async () => {
    const emu = await emulator();
    const s = await session(emu);
    await applyPlan({ desired: desiredFrom(withConsent(exampleFiles(), "[ad_storage]")) }, { session: s });
    const plain = desiredFrom(withConsent(exampleFiles(), "none"));
    const back = await applyPlan({ desired: plain }, { session: s });
    expect(back.gtm.updated).toBeGreaterThan(0);
    expect(tagNamed(emu, "view_pricing").consentSettings).toEqual({ consentStatus: "notSet" });
    const again = await applyPlan({ desired: plain }, { session: s });
    expect(hasChanges(again.plan)).toBe(false);
  });
});
