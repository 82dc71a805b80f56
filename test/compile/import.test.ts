import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { canonicalJson } from "../../src/compile/canonical-json.js";
import { compile } from "../../src/compile/compile.js";
import { exportContainer } from "../../src/compile/container-export.js";
import { goalFileYaml } from "../../src/compile/import/goal-yaml.js";
import { importContainer } from "../../src/compile/import/import-container.js";
import { errorsOf, keepValid } from "../../src/compile/import/validate-imported.js";
import { loadProject, loadProjectFromStrings } from "../../src/project/load.js";
import { projectRules } from "../../src/report/rules/index.js";

const refDir = join(import.meta.dirname, "../../../shared/reference/gtm-exports");
const refFiles = readdirSync(refDir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const root = join(import.meta.dirname, "../..");

describe("import of real exports", () => {
  it("has all four reference files", () => expect(refFiles).toHaveLength(4));

  for (const f of refFiles) {
    it(`never crashes and yields valid goals: ${f}`, () => {
      const data = JSON.parse(readFileSync(join(refDir, f), "utf8"));
      const result = keepValid(importContainer(data));
      const tags = data.containerVersion.tag.length as number;
      expect(result.goals.length + result.skipped.length).toBe(tags);
      for (const s of result.skipped) expect(s.reason.length).toBeGreaterThan(3);
      expect(errorsOf(result.goals)).toEqual([]);
      expect(goalFileYaml(result, f)).toMatch(/^# Imported by/);
    });
  }

  it("legacy Universal Analytics container: every tag skipped with its type", () => {
    const data = JSON.parse(readFileSync(join(refDir, "click-link-scroll-timer-youtube.json"), "utf8"));
    const r = importContainer(data);
    expect(r.goals).toEqual([]);
    expect(r.skipped.filter((s) => s.reason === "tag type ua is not a GA4 event tag")).toHaveLength(17);
  });

  it("imports GA4 custom-event tags as data_layer goals; reserved events marked", () => {
    const data = JSON.parse(readFileSync(join(refDir, "ga4-ecommerce-custom-events.json"), "utf8"));
    const r = keepValid(importContainer(data));
    expect(r.goals).toHaveLength(12);
    const pv = r.goals.find((g) => g.id === "page_view")!;
    expect(pv.reserved_event).toBe(true);
    expect(r.partial.length).toBe(12);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      "Google tag (set install_google_tag in microgoals.yaml)",
    ]);
  });

  it("a hand-made container's GA4 recommended conversion events import as macro goals", () => {
    const data = JSON.parse(readFileSync(join(refDir, "ga4-ecommerce-custom-events.json"), "utf8"));
    const r = keepValid(importContainer(data));
    const purchase = r.goals.find((g) => g.id === "purchase");
    expect(purchase?.kind).toBe("macro");
    expect(purchase?.role).toBeUndefined();
    expect(r.goals.filter((g) => g.id !== "purchase").every((g) => g.kind === "micro")).toBe(true);
  });

  it("skips tags whose conditions use variables the spec cannot express", () => {
    const data = JSON.parse(readFileSync(join(refDir, "ga4-youtube-trigger-groups.json"), "utf8"));
    const r = importContainer(data);
    expect(r.skipped.some((s) => s.reason.startsWith("unsupported variable {{CJS - isWithinApp}}"))).toBe(
      true,
    );
  });

  it("survives malformed input", () => {
    for (const bad of [
      null,
      {},
      { containerVersion: null },
      { containerVersion: { tag: [{}], trigger: "x" } },
      {
        containerVersion: {
          tag: [{ type: "gaawe", parameter: [{ key: "eventName", value: "x" }], firingTriggerId: ["9"] }],
        },
      },
    ]) {
      const r = importContainer(bad);
      expect(Array.isArray(r.goals)).toBe(true);
    }
    const r = importContainer({
      containerVersion: {
        tag: [
          { name: "t", type: "gaawe", parameter: [{ key: "eventName", value: "x" }], firingTriggerId: ["9"] },
        ],
      },
    });
    expect(r.skipped[0]!.reason).toMatch(/not in the file/);
  });
});

describe("round trip: export → import → compile", async () => {
  const loaded = await loadProject(root, { rules: projectRules });
  const project = loaded.project!;
  const original = compile(project);
  const file = JSON.parse(JSON.stringify(exportContainer(original)));
  const result = keepValid(importContainer(file));

  it("imports every goal tag and skips only the generated engagement counter", () => {
    expect(result.goals.map((g) => g.id).sort()).toEqual(project.goals.map((g) => g.id).sort());
    expect(result.skipped.map((s) => s.tag)).toEqual(["microgoals · engagement counter"]);
  });

  it("recompiles to the same GTM entities", () => {
    const files = {
      "microgoals.yaml": readFileSync(join(root, "microgoals.yaml"), "utf8"),
      "goals/imported.yaml": stringify({ goals: result.goals }),
    };
    const again = loadProjectFromStrings(files, root, { rules: projectRules });
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const recompiled = compile(again.project!);
    expect(canonicalJson(recompiled.gtm)).toBe(canonicalJson(original.gtm));
  });
});
