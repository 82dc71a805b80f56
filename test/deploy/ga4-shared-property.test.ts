import { afterEach, describe, expect, it } from "vitest";
import { projectTag } from "../../src/compile/ga4-ownership.js";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { closeEmulators, desiredFrom, emulator, exampleFiles, session } from "./harness.js";

afterEach(closeEmulators);

/** A second site: its own name and container, the same GA4 property, only the B2B goals. */
function otherProject(): Record<string, string> {
  const files = exampleFiles();
  files["microgoals.yaml"] = files["microgoals.yaml"]
    .replace("name: Example Outdoor Store", "name: Example B2B Portal")
    .replace('container: "9000001"', 'container: "9000002"');
  files["goals/shop.yaml"] = "goals: []\n";
  files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replace(
    "leads_to: [demo_request, purchase]",
    "leads_to: [demo_request]",
  );
  return files;
}

describe("two projects sharing one GA4 property", () => {
  it("neither archives nor rewrites the other's custom dimensions", async () => {
    const emu = await emulator();
    await applyPlan({ desired: desiredFrom(exampleFiles()) }, { session: await session(emu) });
    const property = () => emu.state.ga4.properties.find((p) => p.propertyId === "400000001")!;
    const dims = () =>
      property()
        .customDimensions.filter((d) => !d.archived)
        .map((d) => d.parameterName);
    expect(dims()).toEqual(expect.arrayContaining(["company_size", "item_category"]));

    const other = desiredFrom(otherProject());
    const { plan } = await planDeploy(other, { session: await session(emu) });
    expect(plan.ga4.changes.filter((c) => c.kind === "customDimension")).toEqual([
      expect.objectContaining({
        key: "company_size",
        action: "noop",
        note: `created by microgoals project ${projectTag("Example Outdoor Store")}`,
      }),
    ]);
    await applyPlan({ desired: other }, { session: await session(emu) });
    expect(dims()).toEqual(expect.arrayContaining(["company_size", "item_category"]));

    // The first project still sees exactly its own state.
    const first = await planDeploy(desiredFrom(exampleFiles()), { session: await session(emu) });
    expect(first.plan.ga4.changes.every((c) => c.action === "noop")).toBe(true);
  });

  it("a dimension with an older marker (no project) is adopted when wanted and never archived", async () => {
    const emu = await emulator();
    const s = await session(emu);
    const legacy = (param: string) => ({
      parameterName: param,
      displayName: param,
      scope: "EVENT",
      description: `Managed by microgoals. microgoals:v1 key=dimension:${param} hash=0123456789abcdef`,
    });
    for (const param of ["company_size", "old_param"])
      await s.admin.properties.customDimensions.create({
        parent: "properties/400000001",
        requestBody: legacy(param),
      });
    const { plan } = await planDeploy(desiredFrom(exampleFiles()), { session: s });
    const cd = plan.ga4.changes.filter((c) => c.kind === "customDimension");
    expect(cd.find((c) => c.key === "company_size")?.action).toBe("update");
    expect(cd.find((c) => c.key === "old_param")).toBeUndefined();
    expect(plan.warnings.join("\n")).toMatch(/"old_param" has a microgoals marker that names no project/);
  });

  it("project tags fit the description limit", () => {
    expect(projectTag("Example Outdoor Store")).toBe("example-outdoor-store");
    expect(projectTag("A very long project name for a shared analytics property").length).toBeLessThanOrEqual(
      24,
    );
    expect(projectTag("???")).toMatch(/^p-[0-9a-f]{6}$/);
  });
});
