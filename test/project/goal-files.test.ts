import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../../src/project/load.js";

const ROOT = join(import.meta.dirname, "../..");

/** A copy of the example project: microgoals.yaml and, unless told otherwise, its goals/. */
function project(withGoals = true): string {
  const dir = mkdtempSync(join(tmpdir(), "mg-goalfiles-"));
  writeFileSync(join(dir, "microgoals.yaml"), readFileSync(join(ROOT, "microgoals.yaml")));
  if (withGoals) cpSync(join(ROOT, "goals"), join(dir, "goals"), { recursive: true });
  return dir;
}

const errors = (r: Awaited<ReturnType<typeof loadProject>>) =>
  r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.rule}: ${d.message}`);

describe("goal files", () => {
  it("follows a symlinked goal file and a symlinked folder", async () => {
    const dir = project();
    const elsewhere = mkdtempSync(join(tmpdir(), "mg-shared-"));
    cpSync(join(dir, "goals/b2b.yaml"), join(elsewhere, "b2b.yaml"));
    rmSync(join(dir, "goals/b2b.yaml"));
    symlinkSync(join(elsewhere, "b2b.yaml"), join(dir, "goals/b2b.yaml"));
    const direct = await loadProject(dir);
    expect(errors(direct)).toEqual([]);
    expect(direct.project?.goals.map((g) => g.id)).toContain("demo_request");

    rmSync(join(dir, "goals/b2b.yaml"));
    symlinkSync(elsewhere, join(dir, "goals/shared"));
    const viaFolder = await loadProject(dir);
    expect(errors(viaFolder)).toEqual([]);
    expect(viaFolder.project?.files).toContain("goals/shared/b2b.yaml");
  });

  it("reports a symlink loop instead of walking it", async () => {
    const dir = project();
    mkdirSync(join(dir, "goals/sub"));
    symlinkSync(join(dir, "goals"), join(dir, "goals/sub/back"));
    const r = await loadProject(dir);
    expect(r.project).toBeUndefined();
    expect(errors(r)).toEqual([
      "symlink-loop: goals/sub/back links back to a folder it is inside of (symlink loop).",
    ]);
  });

  it("a dangling symlinked goal file is an error, not a silently missing file", async () => {
    const dir = project();
    symlinkSync(join(dir, "nowhere.yaml"), join(dir, "goals/gone.yaml"));
    const r = await loadProject(dir);
    expect(r.project).toBeUndefined();
    expect(errors(r)).toEqual(["missing-file: goals/gone.yaml is missing or unreadable."]);
  });

  it("a missing, unreadable or empty goals folder is an error", async () => {
    const missing = await loadProject(project(false));
    expect(missing.project).toBeUndefined();
    expect(errors(missing)).toEqual(["goals-folder: The goals/ folder is missing."]);

    const notAFolder = project(false);
    writeFileSync(join(notAFolder, "goals"), "not a folder");
    const unreadable = await loadProject(notAFolder);
    expect(unreadable.project).toBeUndefined();
    expect(errors(unreadable)).toEqual(["goals-folder: goals/ cannot be read (ENOTDIR)."]);

    const empty = project(false);
    mkdirSync(join(empty, "goals"));
    writeFileSync(join(empty, "goals/README.md"), "notes\n");
    const none = await loadProject(empty);
    expect(none.project).toBeUndefined();
    expect(errors(none)).toEqual(["goals-folder: The goals/ folder holds no goal files (*.yaml)."]);
  });
});
