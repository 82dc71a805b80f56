// GA4 audiences end to end: created with a marker, re-deployed with zero writes, a renamed one
// patched, a changed membership replaced (archive + create), a hand edit reported as drift, a
// foreign audience never touched, a removed one archived (GA4 cannot delete).
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { hasChanges } from "../../src/plan/model.js";
import { renderPlan } from "../../src/plan/render.js";
import { closeEmulators, desiredFrom, emulator, exampleFiles, session } from "./harness.js";

afterEach(closeEmulators);

const audienceFile = (title: string, membership: string) => `audiences:
  - id: pricing_no_demo
    title: ${title}
    did: [view_pricing]
    not: [demo_request]
    membership: ${membership}
`;

const withAudience = (title = "Pricing, no demo", membership = "30d") => ({
  ...exampleFiles(),
  "goals/zz-audiences.yaml": audienceFile(title, membership),
});

function audiences(emu: Awaited<ReturnType<typeof emulator>>) {
  return emu.state.ga4.properties.find((p) => p.propertyId === "400000001")!.audiences ?? [];
}

describe("GA4 audiences end to end", () => {
  it("creates, stays at zero writes, patches a rename, replaces a new membership, archives on removal", async () => {
    const emu = await emulator();
    // someone's own audience: never touched
    const own = {
      id: "9001",
      displayName: "Hand-made",
      description: "made in the GA4 UI",
      membershipDurationDays: 7,
      filterClauses: [],
      adsPersonalizationEnabled: true,
      createTime: "2026-01-01T00:00:00Z",
      archived: false,
    };
    await planDeploy(desiredFrom(exampleFiles()), { session: await session(emu) }); // creates the property
    emu.state.ga4.properties.find((p) => p.propertyId === "400000001")!.audiences = [own];

    const desired = desiredFrom(withAudience());
    const s = await session(emu);
    const planned = (await planDeploy(desired, { session: s })).plan;
    expect(renderPlan(planned)).toContain(
      '+ create audience "Pricing, no demo" (goals demo_request, view_pricing), 30 days',
    );
    await applyPlan({ desired }, { session: s });
    const created = audiences(emu).filter((a) => !a.archived && a.id !== "9001");
    expect(created).toHaveLength(1);
    expect(created[0]!.description).toMatch(/microgoals:v1 key=audience:pricing_no_demo hash=/);
    expect(created[0]!.exclusionDurationMode).toBe("EXCLUDE_TEMPORARILY");

    const again = await applyPlan({ desired }, { session: s });
    expect(hasChanges(again.plan)).toBe(false);
    expect(again.ga4.created + again.ga4.updated + again.ga4.deleted).toBe(0);

    const renamed = desiredFrom(withAudience("Pricing without a demo"));
    const r1 = await applyPlan({ desired: renamed }, { session: await session(emu) });
    expect(
      r1.plan.ga4.audiences!.filter((c) => c.action !== "noop").map((c) => [c.action, c.replace]),
    ).toEqual([["update", undefined]]);
    expect(renderPlan(r1.plan)).toContain('~ update audience "Pricing without a demo"');
    expect(audiences(emu).find((a) => a.id === created[0]!.id)!.displayName).toBe("Pricing without a demo");

    const longer = desiredFrom(withAudience("Pricing without a demo", "60d"));
    const { plan } = await planDeploy(longer, { session: await session(emu) });
    const text = renderPlan(plan);
    expect(text).toContain('~ replace audience "Pricing without a demo"');
    expect(text).toContain("membershipDurationDays: 30 → 60");
    expect(plan.estimate.ga4Writes).toBe(2);
    await applyPlan({ plan }, { session: await session(emu) });
    const active = audiences(emu).filter((a) => !a.archived && a.id !== "9001");
    expect(active.map((a) => a.membershipDurationDays)).toEqual([60]);
    expect(audiences(emu).find((a) => a.id === created[0]!.id)!.archived).toBe(true);

    const removed = await applyPlan(
      { desired: desiredFrom(exampleFiles()) },
      { session: await session(emu) },
    );
    expect(renderPlan(removed.plan)).toContain(
      '- archive audience "Pricing without a demo" — archived: GA4 cannot delete an audience',
    );
    expect(
      audiences(emu)
        .filter((a) => !a.archived)
        .map((a) => a.id),
    ).toEqual(["9001"]);
    expect(audiences(emu).find((a) => a.id === "9001")).toEqual(own);
  });

  it("reports a hand edit as drift and leaves it alone unless forced", async () => {
    const emu = await emulator();
    const desired = desiredFrom(withAudience());
    await applyPlan({ desired }, { session: await session(emu) });
    const live = audiences(emu).find((a) => !a.archived)!;
    live.displayName = "Edited in GA4";
    const { plan } = await planDeploy(desired, { session: await session(emu) });
    expect(plan.ga4.audiences!.map((c) => c.action)).toEqual(["drift"]);
    expect(plan.warnings.join("\n")).toMatch(/audience "Pricing, no demo" was edited in GA4/);
    expect(hasChanges(plan)).toBe(false);
    await applyPlan({ desired }, { session: await session(emu), force: true });
    expect(live.displayName).toBe("Pricing, no demo");
  });
});
