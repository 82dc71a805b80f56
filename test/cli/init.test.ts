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

  it("keeps .microgoals/ (offline send ledgers) out of git: a new .gitignore, or one rule added once", () => {
    const fresh = join(mkdtempSync(join(tmpdir(), "mg-init-")), "site");
    expect(runCli(["init", fresh]).stdout).toContain("created");
    expect(readFileSync(join(fresh, ".gitignore"), "utf8")).toMatch(/^\.microgoals\/$/m);

    const own = mkdtempSync(join(tmpdir(), "mg-init-"));
    writeFileSync(join(own, ".gitignore"), "node_modules/");
    expect(runCli(["init", own, "--template", "content"]).stdout).toContain("updated");
    expect(readFileSync(join(own, ".gitignore"), "utf8")).toBe("node_modules/\n.microgoals/\n");

    const kept = mkdtempSync(join(tmpdir(), "mg-init-"));
    writeFileSync(join(kept, ".gitignore"), "/.microgoals/\n");
    expect(runCli(["init", kept]).stdout).not.toContain(".gitignore");
    expect(readFileSync(join(kept, ".gitignore"), "utf8")).toBe("/.microgoals/\n");
  });

  it("rejects an unknown template with a usage error", () => {
    expect(runCli(["init", mkdtempSync(join(tmpdir(), "mg-init-")), "--template", "bakery"]).code).toBe(2);
  });
});
