// The example project for the Google Merchandise Store validates with the spec loader and reports
// on the real export, including its page_location-defined goal.
import { describe, expect, it } from "vitest";
import { loadProject } from "../../src/project/load.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { stagesDuring } from "../support/report-stages.js";
import { exportDir } from "./merch-project.js";

describe("examples/merch-store", () => {
  it("validates and reports on the seven real days", async () => {
    const loaded = await loadProject("examples/merch-store");
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const project = loaded.project;
    if (!project) throw new Error("no project");
    // The stages a terminal is shown while it runs (cli/report-stages.ts), in order.
    const { result: r, stages } = await stagesDuring(() =>
      filesReport(project, { files: `${exportDir}/*.parquet`, allowGaps: true }),
    );
    expect(stages).toEqual([
      "counting goals in the export files",
      "adjusted effects: each session's history",
      expect.stringMatching(/^adjusted effects: estimating \d+ pairs$/),
      "adjusted effects: bootstrap intervals (100 replicates)",
    ]);
    const goal = (id: string) => r.goals.find((g) => g.goalId === id);
    expect(goal("purchase")).toMatchObject({ users: 212, events: 256 });
    const apparel = goal("view_apparel");
    expect(apparel?.events).toBeGreaterThan(0);
    expect(apparel?.events).toBeLessThan(92423); // a subset of all page_views
    expect(r.funnels[0]?.steps.map((s) => s.goalId)).toEqual([
      "view_item",
      "begin_checkout",
      "add_shipping_info",
      "add_payment_info",
      "purchase",
    ]);
    const steps = r.funnels[0]?.steps.map((s) => s.users) ?? [];
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThanOrEqual(steps[i - 1] as number);
    expect(r.reversePaths[0]?.top[0]?.steps.at(-1)).toBe("add_payment_info");
  });
});
