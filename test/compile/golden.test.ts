// The compiled example project, pinned. Regenerate after an intended change with
// UPDATE_GOLDEN=1 npx vitest run test/compile/golden.test.ts, then review the diff. The files end in
// .golden so formatters leave their bytes alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/compile/canonical-json.js";
import { compile } from "../../src/compile/compile.js";
import { exportContainerJson } from "../../src/compile/container-export.js";
import { loadProject } from "../../src/project/load.js";

const root = join(import.meta.dirname, "../..");
const golden = join(import.meta.dirname, "golden");

function pin(file: string, actual: string): void {
  const path = join(golden, file);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(existsSync(path), `${file} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("golden: the example project", async () => {
  const result = await loadProject(root);
  it("loads without errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
  const project = result.project!;

  it("desired state (staging)", () =>
    pin("example.staging.json.golden", `${canonicalJson(compile(project), 2)}\n`));
  it("desired state (production)", () =>
    pin("example.production.json.golden", `${canonicalJson(compile(project, "production"), 2)}\n`));
  it("container export (staging)", () =>
    pin("example.container.json.golden", exportContainerJson(compile(project))));

  it("same bytes when the goal files are read in another order", () => {
    const reversed = { ...project, goals: [...project.goals].reverse(), files: [...project.files].reverse() };
    expect(canonicalJson(compile(reversed))).toBe(canonicalJson(compile(project)));
  });
});
