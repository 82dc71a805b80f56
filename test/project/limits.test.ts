// Sane sizes: length limits on names, titles, ids and descriptions (rule text-too-long), a cap on
// the size of a spec file read, and a located, readable error for YAML nested absurdly deep.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../../src/project/load.js";
import { runCli } from "../cli/run-cli.js";
import { baseGoalLines, found, L, load, micro, projectLines, withGoals, withProject } from "./harness.js";

describe("text-too-long", () => {
  it("accepts 100-character titles and refuses 101, at the title", () => {
    const ok = found(withGoals(micro("a", ["      page_view: { path: /a }"]).map(titled("x".repeat(100)))));
    expect(ok.filter((d) => d.startsWith("text-too-long"))).toEqual([]);
    const long = found(withGoals(micro("a", ["      page_view: { path: /a }"]).map(titled("x".repeat(101)))));
    expect(long).toContain(`text-too-long@goals/a.yaml:${L(2)}:12`);
  });

  it("checks ids, descriptions, funnel titles and the project name", () => {
    const id = `g${"x".repeat(64)}`;
    const r = load(
      withGoals([
        ...micro(
          id,
          ["      page_view: { path: /a }"],
          [`    description: ${"d".repeat(1001)}`, `    event: short_event`],
        ),
        "funnels:",
        "  - id: f",
        `    title: ${"t".repeat(101)}`,
        "    steps: [view_item, purchase]",
      ]),
    );
    const messages = r.diagnostics.filter((d) => d.rule === "text-too-long").map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Goal id is 65 characters; at most 64 are allowed.",
        expect.stringMatching(/^Description of goal gx+… is 1001 characters; at most 1000/),
        "Title of funnel f is 101 characters; at most 100 are allowed.",
      ]),
    );
    const named = found(
      withProject(
        [],
        projectLines.map((l) => (l === "name: T" ? `name: ${"n".repeat(101)}` : l)),
      ),
    );
    expect(named).toContain("text-too-long@microgoals.yaml:2:7");
  });
});

describe("spec file size", () => {
  it("does not read a goal file over 1 MiB: one located error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-limits-"));
    mkdirSync(join(dir, "goals"));
    writeFileSync(join(dir, "microgoals.yaml"), `${projectLines.join("\n")}\n`);
    writeFileSync(join(dir, "goals/a.yaml"), `${baseGoalLines.join("\n")}\n`);
    const huge = ["goals:", "  - id: big", `    title: ${"x".repeat(2 << 20)}`].join("\n");
    writeFileSync(join(dir, "goals/big.yaml"), huge);
    const r = await loadProject(dir);
    expect(r.project).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.rule}@${d.position.file}:${d.position.line}`)).toEqual([
      "file-too-large@goals/big.yaml:1",
    ]);
    expect(r.diagnostics[0].message).toContain("larger than 1 MiB");
  });
});

describe("deep nesting", () => {
  it("a runaway flow collection: located, no 'Maximum call stack'", () => {
    const r = load({
      ...withGoals([]),
      "goals/deep.yaml": `goals:\n  - id: a\n    title: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
    });
    const d = r.diagnostics.find((x) => x.position.file === "goals/deep.yaml")!;
    expect(d.rule).toBe("nesting-too-deep");
    expect(d.message).not.toMatch(/call stack/i);
    expect(d.message).toMatch(/nests too deeply/);
    expect(d.position.line).toBe(3);
  });

  it("block nesting the parser survives is still refused at the first level too deep", () => {
    const lines = ["goals:"];
    for (let i = 1; i <= 80; i++) lines.push(`${"  ".repeat(i)}k${i}:`);
    lines.push(`${"  ".repeat(81)}v`);
    const r = load({ ...withGoals([]), "goals/deep.yaml": `${lines.join("\n")}\n` });
    const d = r.diagnostics.find((x) => x.position.file === "goals/deep.yaml")!;
    expect(d.rule).toBe("nesting-too-deep");
    expect(d.position.line).toBe(65); // the 65th mapping (the root is the 1st) starts at k64
  });

  it("validate prints it as one readable finding", () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-deep-"));
    mkdirSync(join(dir, "goals"));
    writeFileSync(join(dir, "microgoals.yaml"), `${projectLines.join("\n")}\n`);
    writeFileSync(
      join(dir, "goals/a.yaml"),
      `goals:\n  - id: a\n    title: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`,
    );
    const r = runCli(["validate", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/call stack|internal error/i);
    expect(r.stdout).toMatch(/goals\/a\.yaml:3:\d+ error nesting-too-deep The YAML nests too deeply/);
    expect(r.stdout.length).toBeLessThan(2000);
  });
});

function titled(title: string) {
  return (line: string) => (line.startsWith("    title: ") ? `    title: ${title}` : line);
}
