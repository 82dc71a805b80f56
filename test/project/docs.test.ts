import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRules as rules } from "../../src/report/rules/index.js";
import { repoRoot } from "../cli/run-cli.js";

describe("docs/spec.md", () => {
  it("documents every rule id", () => {
    const doc = readFileSync(join(repoRoot, "docs/spec.md"), "utf8");
    const missing = rules
      .map((r) => r.id)
      .filter((id) => !new RegExp(`\\|\\s*\`${id}\`\\s*\\|\\s*${rulesSeverity(id)}\\s*\\|`).test(doc));
    expect(missing).toEqual([]);
  });
});

function rulesSeverity(id: string): string {
  return rules.find((r) => r.id === id)!.severity;
}
