// Google Ads conversions end to end: one awct per goal with `ads:`, one shared Conversion Linker,
// zero writes on a re-deploy, and both removed when the spec drops them.
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { hasChanges } from "../../src/plan/model.js";
import {
  closeEmulators,
  desiredFrom,
  emulator,
  exampleFiles,
  session,
  workspaceEntities,
} from "./harness.js";

afterEach(closeEmulators);

const ADS = `    consent: [ad_storage, ad_user_data, ad_personalization]
    ads:
      conversion_id: AW-987654321
      conversion_label: pUrCh-ase_1
      value: value
      currency: currency
      transaction_id: transaction_id
`;

function withAds(files: Record<string, string>): Record<string, string> {
  const shop = files["goals/shop.yaml"].replace(
    "    key_event: { counting: once_per_event }\n    value: 85\n",
    `    key_event: { counting: once_per_event }\n    value: 85\n${ADS}`,
  );
  const b2b = files["goals/b2b.yaml"].replace(
    "    consent: [analytics_storage]",
    "    consent: [analytics_storage, ad_storage]\n    ads: { conversion_id: AW-987654321, conversion_label: demo }",
  );
  return { ...files, "goals/shop.yaml": shop, "goals/b2b.yaml": b2b };
}

describe("Google Ads conversions end to end", () => {
  it("creates one awct per ads goal and one Conversion Linker, then re-deploys with zero writes", async () => {
    const emu = await emulator();
    const files = withAds(exampleFiles());
    expect(files["goals/shop.yaml"]).toContain("AW-987654321");
    expect(files["goals/b2b.yaml"]).toContain("conversion_label: demo");
    const desired = desiredFrom(files);
    const s = await session(emu);
    await applyPlan({ desired }, { session: s });
    const tags = workspaceEntities(emu)!.entities.tag;
    const awct = tags.filter((t) => t.type === "awct");
    expect(awct.map((t) => t.name).sort()).toEqual([
      "microgoals · ads · demo_request",
      "microgoals · ads · purchase",
    ]);
    const linkers = tags.filter((t) => t.type === "gclidw");
    expect(linkers).toHaveLength(1);
    // the linker waits for the union of its ads tags' consent
    expect(linkers[0]!.consentSettings).toEqual({
      consentStatus: "needed",
      consentType: {
        type: "list",
        list: ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"].map((value) => ({
          type: "template",
          value,
        })),
      },
    });
    const purchase = awct.find((t) => String(t.name).endsWith("purchase"))!;
    const goalTag = tags.find((t) => t.name === "microgoals · macro · purchase")!;
    expect(purchase.firingTriggerId).toEqual(goalTag.firingTriggerId);
    const params = new Map(
      (purchase.parameter as { key: string; value: string }[]).map((p) => [p.key, p.value]),
    );
    expect(params.get("conversionId")).toBe("987654321");
    expect(params.get("orderId")).toMatch(/transaction_id/);

    const again = await applyPlan({ desired }, { session: s });
    expect(hasChanges(again.plan)).toBe(false);
    expect(again.gtm.created + again.gtm.updated + again.gtm.deleted).toBe(0);

    const plain = desiredFrom(exampleFiles());
    const { plan } = await planDeploy(plain, { session: await session(emu) });
    const deletes = plan.gtm.changes
      .filter((c) => c.action === "delete")
      .map((c) => c.key)
      .sort();
    expect(deletes).toEqual(["tag:ads:demo_request", "tag:ads:purchase", "tag:conversion_linker"]);
    await applyPlan({ desired: plain }, { session: await session(emu) });
    expect(
      workspaceEntities(emu)!.entities.tag.filter((t) => t.type === "awct" || t.type === "gclidw"),
    ).toEqual([]);
  });

  it("the emulator rejects an awct without a conversion label, like GTM", async () => {
    const emu = await emulator();
    const desired = desiredFrom(withAds(exampleFiles()));
    const tag = desired.gtm.tags.find((t) => t.key === "tag:ads:purchase")!;
    tag.body.parameter = tag.body.parameter.filter((p) => p.key !== "conversionLabel");
    await expect(applyPlan({ desired }, { session: await session(emu) })).rejects.toThrow(/conversionLabel/);
  });
});
