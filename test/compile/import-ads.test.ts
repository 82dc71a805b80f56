// Export → import keeps Google Ads conversions and consent: the awct tag becomes the goal's `ads:`
// (value, currency, order id named by the GA4 tag's parameters), the Conversion Linker is skipped
// because compile adds it again, and the recompiled container is the same.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { canonicalJson } from "../../src/compile/canonical-json.js";
import { compile } from "../../src/compile/compile.js";
import { exportContainer } from "../../src/compile/container-export.js";
import { importContainer } from "../../src/compile/import/import-container.js";
import { keepValid } from "../../src/compile/import/validate-imported.js";
import { loadProjectFromStrings } from "../../src/project/load.js";
import { projectRules } from "../../src/report/rules/index.js";

const root = join(import.meta.dirname, "../..");

function exampleWithAds(): Record<string, string> {
  const files: Record<string, string> = {
    "microgoals.yaml": readFileSync(join(root, "microgoals.yaml"), "utf8"),
  };
  for (const f of readdirSync(join(root, "goals")))
    files[`goals/${f}`] = readFileSync(join(root, "goals", f), "utf8");
  files["goals/shop.yaml"] = files["goals/shop.yaml"]!.replace(
    "    key_event: { counting: once_per_event }\n    value: 85\n",
    `    key_event: { counting: once_per_event }
    value: 85
    consent: [ad_storage, analytics_storage]
    ads: { conversion_id: AW-555, conversion_label: buy-1, value: value, currency: currency, transaction_id: transaction_id }
`,
  );
  return files;
}

describe("import of a container with Google Ads conversions", () => {
  const files = exampleWithAds();
  const loaded = loadProjectFromStrings(files, root, { rules: projectRules });
  const original = compile(loaded.project!);
  const result = keepValid(importContainer(JSON.parse(JSON.stringify(exportContainer(original)))));

  it("puts the conversion on the goal and skips only the generated tags", () => {
    const purchase = result.goals.find((g) => g.id === "purchase")!;
    expect(purchase.ads).toEqual({
      conversion_id: "AW-555",
      conversion_label: "buy-1",
      value: "value",
      currency: "currency",
      transaction_id: "transaction_id",
    });
    expect(purchase.consent).toEqual(["ad_storage", "analytics_storage"]);
    expect(result.skipped.map((s) => s.tag).sort()).toEqual([
      "microgoals · Conversion Linker",
      "microgoals · engagement counter",
    ]);
  });

  it("recompiles to the same GTM entities", () => {
    const again = loadProjectFromStrings(
      {
        "microgoals.yaml": files["microgoals.yaml"]!,
        "goals/imported.yaml": stringify({ goals: result.goals }),
      },
      root,
      { rules: projectRules },
    );
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(canonicalJson(compile(again.project!).gtm)).toBe(canonicalJson(original.gtm));
  });
});
