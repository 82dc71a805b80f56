import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("microgoals init", () => {
  it("writes a starter project that validates", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "mg-init-")), "site");
    const r = runCli(["init", dir, "--template", "lead-gen"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("goals/leads.yaml");
    expect(readFileSync(join(dir, "microgoals.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=/);
    expect(runCli(["validate", dir]).code).toBe(0);
  });

  it("refuses to overwrite existing files and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-init-"));
    writeFileSync(join(dir, "microgoals.yaml"), "mine\n");
    const r = runCli(["init", dir, "--template", "saas"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("refusing to overwrite");
    expect(readFileSync(join(dir, "microgoals.yaml"), "utf8")).toBe("mine\n");
    expect(existsSync(join(dir, "goals"))).toBe(false);
  });

  it("rejects an unknown template with a usage error", () => {
    expect(runCli(["init", mkdtempSync(join(tmpdir(), "mg-init-")), "--template", "bakery"]).code).toBe(2);
  });
});
