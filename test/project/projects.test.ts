// The example project and every starter template validate with no errors.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { templateFiles, templateNames } from "../../src/cli/run/init.js";
import { loadProject } from "../../src/project/load.js";
import { templatesDir } from "../../src/project/package-root.js";
import { projectRules } from "../../src/report/rules/index.js";
import { repoRoot } from "../cli/run-cli.js";

describe("shipped projects", () => {
  it("the example project has 0 errors and 0 warnings and uses every trigger kind", async () => {
    const r = await loadProject(repoRoot, { rules: projectRules });
    expect(r.diagnostics).toEqual([]);
    const kinds = new Set(r.project!.goals.map((g) => g.trigger.kind));
    expect([...kinds].sort()).toEqual([
      "click",
      "data_layer",
      "element_visibility",
      "engagement",
      "form_submit",
      "history_change",
      "link_click",
      "page_view",
      "scroll_depth",
      "timer",
      "youtube",
    ]);
    expect(r.project!.funnels.map((f) => f.id)).toEqual(["b2b_lead", "checkout"]);
  });

  it.each(templateNames)("template %s validates and is realistic in size", async (name) => {
    const r = await loadProject(join(templatesDir, name), { rules: projectRules });
    expect(r.diagnostics).toEqual([]);
    const goals = r.project!.goals;
    const macros = goals.filter((g) => g.kind === "macro").length;
    expect(macros).toBeGreaterThanOrEqual(1);
    expect(macros).toBeLessThanOrEqual(2);
    expect(goals.length - macros).toBeGreaterThanOrEqual(6);
    expect(goals.length - macros).toBeLessThanOrEqual(12);
    for (const f of await templateFiles(name)) {
      expect(readFileSync(join(templatesDir, name, f), "utf8")).toMatch(
        /^# yaml-language-server: \$schema=\S+microgoals\.schema\.json\n/,
      );
    }
  });
});
