// Discover's confirmation stage with the report's adjusted estimator, on confounded traffic whose
// causal truth is known (src/emulator/traffic/confounded-model.ts): a secondary action with no effect
// but strongly confounded by intent looks like a driver to the crude test; adjusted, it is not
// confirmed, while a real driver stays confirmed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateConfoundedTraffic } from "../../../src/emulator/traffic/confounded-generate.js";
import { writeExportNdjson } from "../../../src/emulator/traffic/export-rows.js";
import { renderDiscovery } from "../../../src/report/discover/render-discovery.js";
import { type Discovery, discover } from "../../../src/report/discover/run-discover.js";
import { confoundedProject } from "../../effects/confounded-project.js";
import { stagesDuring } from "../../support/report-stages.js";

const dir = mkdtempSync(join(tmpdir(), "mg-discover-confounded-"));
// Discover searches the data, so the spec keeps only the macro goal: every micro goal is undeclared.
const full = confoundedProject();
const project = { ...full, goals: full.goals.filter((g) => g.kind === "macro") };
let adjusted: Discovery;
let crude: Discovery;
/** What a terminal was shown during each search (cli/report-stages.ts). */
let stages: { adjusted: unknown[]; crude: unknown[] };

beforeAll(async () => {
  const g = generateConfoundedTraffic(full, { seed: 42, startDate: "2026-01-01", days: 56, users: 4000 });
  await writeExportNdjson(g.events, dir);
  const source = { kind: "files" as const, files: join(dir, "*.json") };
  const a = await stagesDuring(() => discover(project, { macroId: "purchase", source }));
  const c = await stagesDuring(() => discover(project, { macroId: "purchase", source, adjust: false }));
  adjusted = a.result;
  crude = c.result;
  stages = { adjusted: a.stages, crude: c.stages };
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const find = (d: Discovery, event: string) =>
  d.candidates.find(
    (c) => c.definition.event === event && !c.definition.param && !c.definition.minCount && !c.definition.and,
  );

describe("discover's confirmation with the adjusted estimator", () => {
  it("a zero-effect, confounded action is confirmed crude and not once adjusted", () => {
    expect(find(crude, "no_effect")?.significant).toBe(true);
    const c = find(adjusted, "no_effect")!;
    expect(c.confirmation.adjusted?.status).toBe("ok");
    expect(c.confirmation.adjusted!.lift.low!).toBeLessThanOrEqual(0);
    expect(c.significant).toBe(false);
    expect(renderDiscovery(adjusted, "table")).toMatch(/no_effect.*not confirmed once adjusted/);
  });

  it("a real driver stays confirmed, its adjusted lift beside the crude one", () => {
    const c = find(adjusted, "strong_driver")!;
    expect(c.significant).toBe(true);
    expect(c.confirmation.adjusted!.lift.low!).toBeGreaterThan(0);
    expect(c.confirmation.adjusted!.lift.relative!).toBeLessThan(c.confirmation.lift!.relative!);
    const json = JSON.parse(renderDiscovery(adjusted, "json"));
    const row = json.candidates.find((x: { label: string }) => x.label === c.label);
    expect(row.confirmation.adjusted.method).toMatch(/sequential trials/);
  });

  it("says what it is doing: the search, then the adjustment and its stages", () => {
    expect(stages.crude).toEqual(["discover: counting every event, parameter value and pair"]);
    expect(stages.adjusted).toEqual([
      "discover: counting every event, parameter value and pair",
      "discover: adjusting the confirmed candidates",
      "adjusted effects: each session's history",
      expect.stringMatching(/^adjusted effects: estimating \d+ pairs?$/),
      "adjusted effects: bootstrap intervals (100 replicates)",
    ]);
  });
});
