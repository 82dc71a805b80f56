import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

function project(goals: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mg-validate-"));
  writeFileSync(
    join(dir, "microgoals.yaml"),
    'version: 1\nname: T\ntargets:\n  s:\n    gtm: { account: "1", container: "2" }\n    ga4: { property: "3", measurement_id: G-A }\n',
  );
  mkdirSync(join(dir, "goals"));
  writeFileSync(join(dir, "goals", "a.yaml"), goals);
  return dir;
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

describe("microgoals validate", () => {
  it("accepts the example project and prints the goal table (exit 0)", () => {
    const r = runCli(["validate", repoRoot]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id\s+kind\s+role\s+trigger\s+event\s+key event\s+leads_to/);
    expect(r.stdout).toMatch(/^purchase\s+macro\s+-\s+data_layer\s+purchase\s+per event\s+-$/m);
    expect(r.stdout).toContain("0 errors, 0 warnings");
  });

  it("prints a located error with the source line and caret (exit 1)", () => {
    const dir = project(
      "goals:\n  - id: x\n    title: X\n    kind: macro\n    event: ga_x\n    trigger:\n      page_view: {}\n",
    );
    const r = runCli(["validate", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `goals/a.yaml:5:12 error reserved-prefix Event name "ga_x" starts with the reserved prefix "ga_".`,
    );
    expect(r.stdout).toContain("    5 |     event: ga_x\n      |            ^");
    expect(r.stdout).toContain("1 error, 1 warning");
    noStack(r.stdout + r.stderr);
  });

  it("never shows a stack trace for broken YAML", () => {
    const dir = project("goals:\n\t- id: x\n  - [\n\u0000");
    const r = runCli(["validate", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/goals\/a\.yaml:\d+:\d+ error (binary-file|tab-indent|yaml-syntax)/);
    noStack(r.stdout + r.stderr);
  });

  it("--format json is machine-readable", () => {
    const dir = project(
      "goals:\n  - id: x\n    title: X\n    kind: micro\n    trigger:\n      page_view: {}\n",
    );
    const r = runCli(["validate", dir, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      valid: boolean;
      warnings: number;
      diagnostics: { rule: string; line: number; col: number }[];
    };
    expect(out.valid).toBe(true);
    expect(out.warnings).toBe(1);
    expect(out.diagnostics[0]).toMatchObject({ rule: "micro-leads-nowhere", line: 2, col: 9 });
  });

  it("--format github emits workflow annotations", () => {
    const dir = project(
      "goals:\n  - id: x\n    title: X\n    kind: macro\n    role: milestone\n    trigger:\n      page_view: {}\n",
    );
    const r = runCli(["validate", dir, "--format", "github"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=.*goals\/a\.yaml,line=5,col=11,title=macro-role::Macro goal "x" cannot have a role\.$/m,
    );
  });

  it("exits 2 for a missing directory or a bad flag", () => {
    const missing = runCli(["validate", join(tmpdir(), "mg-no-such-dir-xyz")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such directory");
    const badFlag = runCli(["validate", "--format", "xml"]);
    expect(badFlag.code).toBe(2);
    noStack(missing.stderr + badFlag.stderr);
  });
});
