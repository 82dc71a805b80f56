// Discover on traffic whose truth is known: planted drivers (an event, a page path, a threshold, a
// combination) among events that do nothing, over many seeds: recall and false discoveries.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProjectFromStrings } from "../../../src/project/load.js";
import type { CandidateDefinition } from "../../../src/report/discover/candidate.js";
import { discover } from "../../../src/report/discover/run-discover.js";
import { suggestionsYaml } from "../../../src/report/discover/suggest-goals.js";
import { projectRules } from "../../../src/report/rules/index.js";
import { writePlantedTraffic } from "./planted-traffic.js";

const projectYaml = `version: 1
name: Planted
default_target: t
targets:
  t:
    gtm: { account: "1", container: "1", workspace: microgoals }
    ga4: { property: "1", measurement_id: G-TEST000001 }
report: { window: 7d, min_users: 30 }
`;
const goalsYaml = `goals:
  - id: purchase
    title: Purchase
    kind: macro
    trigger:
      data_layer: { event: purchase }
  - id: noise_0
    title: Declared noise
    kind: micro
    role: secondary
    leads_to: [purchase]
    trigger:
      data_layer: { event: noise_0 }
`;
const files = { "microgoals.yaml": projectYaml, "goals/site.yaml": goalsYaml };
const project = loadProjectFromStrings(files, "/tmp/planted", { rules: projectRules }).project!;

type Planted = "event" | "param" | "threshold" | "combination";
const events = (d: CandidateDefinition): string[] => [d.event, ...(d.and ? events(d.and) : [])];
const plantedOf = (d: CandidateDefinition): Planted | undefined => {
  if (d.and && events(d).includes("watch_video") && events(d).includes("open_chat")) return "combination";
  if (d.event === "download_brochure" && !d.param && !d.minCount && !d.and) return "event";
  if (d.param === "page_path" && d.value === "/pricing" && !d.and) return "param";
  if (d.event === "read_article" && (d.minCount ?? 0) >= 2 && !d.and) return "threshold";
  return undefined;
};
/** A discovery is false when nothing planted is in it (only events and paths that do nothing). */
const isNoise = (d: CandidateDefinition): boolean =>
  !["download_brochure", "read_article", "watch_video", "open_chat", "purchase"].some((e) =>
    events(d).includes(e),
  ) && !(d.value === "/pricing" || d.and?.value === "/pricing");

describe("discover on planted drivers", () => {
  const dir = mkdtempSync(join(tmpdir(), "mg-discover-"));
  const seeds = Array.from({ length: 50 }, (_, i) => 101 + i);

  it("finds ≥ 90% of planted drivers with ≤ 5% false discoveries over 50 seeds", async () => {
    let planted = 0;
    let found = 0;
    let reported = 0;
    let noise = 0;
    for (const seed of seeds) {
      const file = writePlantedTraffic(dir, seed, 3000);
      const d = await discover(project, { macroId: "purchase", source: { kind: "files", files: file } });
      const hits = new Set(d.candidates.filter((c) => c.significant).map((c) => plantedOf(c.definition)));
      for (const kind of ["event", "param", "threshold", "combination"] as const) {
        planted++;
        if (hits.has(kind)) found++;
      }
      const significant = d.candidates.filter((c) => c.significant);
      reported += significant.length;
      noise += significant.filter((c) => isNoise(c.definition)).length;
    }
    expect(found / planted).toBeGreaterThanOrEqual(0.9);
    expect(noise / reported).toBeLessThanOrEqual(0.05);
  }, 240_000);

  it("marks goals the spec has as known, and writes suggestions that validate", async () => {
    const file = writePlantedTraffic(dir, 7, 3000);
    const d = await discover(project, { macroId: "purchase", source: { kind: "files", files: file } });
    expect(
      d.candidates.find(
        (c) => c.definition.event === "noise_0" && !c.definition.param && !c.definition.minCount,
      )?.known,
    ).toBe(true);
    const ids = d.suggestions.goals.map((g) => g.id);
    expect(ids).toContain("download_brochure");
    expect(ids).toContain("view_pricing");
    const written = suggestionsYaml(d.suggestions, "purchase");
    const loaded = loadProjectFromStrings({ ...files, "goals/suggested.yaml": written }, "/tmp/planted", {
      rules: projectRules,
    });
    expect(loaded.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    expect(written).toMatch(/# discovered 2024-05-0\d\.\.2024-05-\d\d: download_brochure; confirmation half/);
  });

  it("halves are fixed by the user id: the same data gives the same answer", async () => {
    const file = writePlantedTraffic(dir, 9, 1500);
    const a = await discover(project, { macroId: "purchase", source: { kind: "files", files: file } });
    const b = await discover(project, { macroId: "purchase", source: { kind: "files", files: file } });
    const confirmed = (x: typeof a) =>
      x.candidates
        .filter((c) => c.significant)
        .map((c) => c.label)
        .sort();
    expect(confirmed(a)).toEqual(confirmed(b));
    expect(a.suggestions.goals.map((g) => g.id)).toEqual(b.suggestions.goals.map((g) => g.id));
    expect(readFileSync(file, "utf8").length).toBeGreaterThan(0);
  });
});

describe("discover on the real Merchandise Store export", () => {
  it("runs, lists drivers and required steps, and its suggestions validate", async () => {
    const { merchProject, exportDir } = await import("../../export/merch-project.js");
    const merch = merchProject();
    const d = await discover(merch, {
      macroId: "purchase",
      source: { kind: "files", files: `${exportDir}/*.parquet` },
    });
    expect(d.events).toBe(296_928);
    expect(d.candidates.filter((c) => c.significant).length).toBeGreaterThan(0);
    // The checkout steps nobody buys without are path steps, not drivers.
    expect(d.required.map((c) => c.label)).toEqual(
      expect.arrayContaining(["begin_checkout", "add_payment_info"]),
    );
    expect(d.candidates.some((c) => c.label === "begin_checkout")).toBe(false);
    // The thank-you page is seen the moment the purchase fires (211 of its 224 users): left out as
    // done after converting, not listed as a driver.
    const thankYou = "page_view · page_path=/ordercompleted.html";
    expect(d.postConversion).toContain(thankYou);
    expect(d.candidates.some((c) => c.label === thankYou)).toBe(false);
    const yaml = suggestionsYaml(d.suggestions, "purchase");
    const dir = mkdtempSync(join(tmpdir(), "mg-merch-"));
    const { cpSync, writeFileSync } = await import("node:fs");
    cpSync("examples/merch-store", dir, { recursive: true });
    writeFileSync(join(dir, "goals", "suggested.yaml"), yaml);
    const { loadProject } = await import("../../../src/project/load.js");
    const loaded = await loadProject(dir, { rules: projectRules });
    expect(loaded.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  });
});
