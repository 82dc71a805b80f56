import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UsageError, UserError } from "../../src/errors.js";
import { loadValidProject } from "../../src/project/load-valid.js";
import { baseGoalLines, projectLines } from "./harness.js";

describe("loadValidProject", () => {
  let dir: string;
  let stderr: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "mg-load-valid-"));
    await mkdir(join(dir, "goals"));
    await writeFile(join(dir, "microgoals.yaml"), projectLines.join("\n") + "\n");
    stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it("returns the project when the spec is valid, printing nothing", async () => {
    await writeFile(join(dir, "goals/a.yaml"), baseGoalLines.join("\n") + "\n");
    const project = await loadValidProject(dir);
    expect(project.goals.map((g) => g.id)).toEqual(["purchase", "view_item"]);
    expect(stderr).toBe("");
  });

  it("throws exit 1 with the located errors as details, with the caller's consequence and hint", async () => {
    await writeFile(join(dir, "goals/a.yaml"), [...baseGoalLines, "    leads_to: [nowhere]"].join("\n"));
    const err = await loadValidProject(dir, { consequence: "nothing was compiled", hint: "try X" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(err).not.toBeInstanceOf(UsageError);
    const e = err as UserError;
    expect(e.exitCode).toBe(1);
    expect(e.message).toMatch(/^the spec has \d+ error\(s\); nothing was compiled$/);
    expect(e.hint).toBe("try X");
    expect(e.details).toMatch(/goals\/a\.yaml:\d+:\d+ error /);
    expect(stderr).toBe("");
  });

  it("a missing directory is a usage error (exit 2)", async () => {
    const err = await loadValidProject(join(dir, "nope")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UserError).exitCode).toBe(2);
  });
});
