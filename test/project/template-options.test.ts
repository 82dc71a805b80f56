// The init templates show consent, one Google Ads conversion and (some) an audience commented out.
// Uncommented as the comments say, every template still loads without errors and compiles them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { templateNames } from "../../src/cli/run/init.js";
import { compile } from "../../src/compile/compile.js";
import { loadProjectFromStrings } from "../../src/project/load.js";
import { templatesDir } from "../../src/project/package-root.js";
import { projectRules } from "../../src/report/rules/index.js";

const AD_CONSENT = "[analytics_storage, ad_storage, ad_user_data, ad_personalization]";

function uncomment(text: string): string {
  return text
    .replace("# consent: [analytics_storage]", `consent: ${AD_CONSENT}`)
    .replace(
      /\n {4}# ads:\n((?: {4}# {3}.*\n)+)/,
      (_m, body: string) => `\n    ads:\n${body.replace(/^ {4}# {3}/gm, "      ")}`,
    )
    .replace(
      /\n# audiences:\n((?:#.*\n)+)/,
      (_m, body: string) => `\naudiences:\n${body.replace(/^# ?/gm, "")}`,
    );
}

describe("template options, uncommented", () => {
  it.each(templateNames)("template %s: consent, ads and audiences compile", (name) => {
    const dir = join(templatesDir, name);
    const files: Record<string, string> = {
      "microgoals.yaml": uncomment(readFileSync(join(dir, "microgoals.yaml"), "utf8")),
    };
    for (const f of readdirSync(join(dir, "goals")))
      files[`goals/${f}`] = uncomment(readFileSync(join(dir, "goals", f), "utf8"));
    expect(files["microgoals.yaml"]).toContain(`consent: ${AD_CONSENT}`);
    const r = loadProjectFromStrings(files, dir, { rules: projectRules });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const adsGoals = r.project!.goals.filter((g) => g.ads);
    expect(adsGoals).toHaveLength(1);
    const state = compile(r.project!);
    expect(state.gtm.tags.filter((t) => t.body.type === "awct")).toHaveLength(1);
    expect(state.gtm.tags.filter((t) => t.body.type === "gclidw")).toHaveLength(1);
    expect(state.gtm.tags.every((t) => t.body.consentSettings?.consentStatus === "needed")).toBe(true);
    if (r.project!.audiences) expect(state.ga4.audiences).toHaveLength(r.project!.audiences.length);
  });
});
