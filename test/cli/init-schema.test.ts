// `init` must point every file's $schema comment at the microgoals schema actually installed, wherever
// the project folder sits below the node_modules that holds it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pointSchemaAt, scaffold } from "../../src/cli/run/init.js";

describe("init $schema paths", () => {
  it("points at node_modules/microgoals from a project in a subfolder", async () => {
    const repo = mkdtempSync(join(tmpdir(), "mg-init-"));
    const schemaDir = join(repo, "node_modules", "microgoals", "schema");
    mkdirSync(schemaDir, { recursive: true });
    writeFileSync(join(schemaDir, "microgoals.schema.json"), "{}");
    await scaffold(join(repo, "analytics", "goals-site"), "ecommerce");
    const project = readFileSync(join(repo, "analytics", "goals-site", "microgoals.yaml"), "utf8");
    const goal = readFileSync(join(repo, "analytics", "goals-site", "goals", "store.yaml"), "utf8");
    expect(project).toMatch(
      /\$schema=\.\.\/\.\.\/node_modules\/microgoals\/schema\/microgoals\.schema\.json$/m,
    );
    expect(goal).toMatch(
      /\$schema=\.\.\/\.\.\/\.\.\/node_modules\/microgoals\/schema\/microgoals\.schema\.json$/m,
    );
  });

  it("rewrites only the $schema comment, as a relative path", () => {
    const text = "# yaml-language-server: $schema=./x.json\nversion: 1\n";
    expect(pointSchemaAt(text, "node_modules/microgoals/schema/microgoals.schema.json")).toBe(
      "# yaml-language-server: $schema=./node_modules/microgoals/schema/microgoals.schema.json\nversion: 1\n",
    );
  });
});
