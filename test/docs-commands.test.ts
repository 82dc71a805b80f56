// Every `microgoals` command the docs and the example and template projects show exists with the
// flags it shows (readme.test.ts checks the README's). A comment in examples/merch-store once told
// users to run `report --project …`, an option report never had.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commands } from "../src/cli/registry.js";

const root = join(import.meta.dirname, "..");

/**
 * Command lines: ```sh blocks of markdown, and its `code spans` and YAML's `#` comment lines that
 * start with the command (elsewhere "microgoals" is prose: "created by microgoals project x").
 * A trailing `\` continues a line.
 */
function invocations(text: string, kind: "md" | "yaml"): string[] {
  const command = (l: string) => /^(?:npx\s+)?microgoals\s/.test(l);
  if (kind === "yaml")
    return text
      .replace(/\\\n\s*#\s*/g, " ")
      .split("\n")
      .filter((l) => /^\s*#/.test(l))
      .map((l) => l.replace(/^\s*#\s*/, "").replace(/\s+/g, " "))
      .filter(command);
  const blocks = [...text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] as string).replace(/\\\n\s*/g, " ").split("\n"),
  );
  const spans = [...text.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)]
    .map((m) => m[1] as string)
    .filter(command);
  return [...blocks, ...spans].map((l) => l.replace(/\s+#.*$/, "").replace(/\s+/g, " "));
}

/** What is wrong with each `microgoals …` in `lines`: an unknown command or subcommand, or flag. */
function problems(lines: string[], program: Command): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const m = /(?:^|\s)microgoals\s+([a-z][a-z-]*)((?:\s+[a-z][a-z-]*)?)(.*)$/.exec(line);
    if (!m) continue;
    let command = program.commands.find((c) => c.name() === m[1]);
    if (!command) {
      out.push(`not a command: ${line.trim()}`);
      continue;
    }
    const sub = m[2]?.trim();
    const child = sub ? command.commands.find((c) => c.name() === sub) : undefined;
    if (command.commands.length > 0) {
      if (!child) {
        out.push(`not a subcommand of ${m[1]}: ${line.trim()}`);
        continue;
      }
      command = child;
    }
    const longs = new Set(command.options.map((o) => o.long));
    for (const f of (m[3] ?? "").matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g))
      if (!longs.has(f[1] as string)) out.push(`no option ${f[1]}: ${line.trim()}`);
  }
  return out;
}

function registered(): Command {
  const program = new Command("microgoals");
  for (const register of commands) register(program);
  return program;
}

function files(): { path: string; kind: "md" | "yaml" }[] {
  const out: { path: string; kind: "md" | "yaml" }[] = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => ({ path: join("docs", f), kind: "md" }));
  for (const dir of ["examples", "templates"])
    for (const p of readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const [name, kind] of [
        ["microgoals.yaml", "yaml"],
        ["README.md", "md"],
      ] as const) {
        const path = join(dir, p.name, name);
        try {
          readFileSync(join(root, path));
          out.push({ path, kind });
        } catch {
          // not every project has both
        }
      }
    }
  return out;
}

describe("commands shown in the docs and projects", () => {
  it("exist with the flags they show", () => {
    const program = registered();
    const found = files().flatMap(({ path, kind }) =>
      problems(invocations(readFileSync(join(root, path), "utf8"), kind), program).map(
        (p) => `${path}: ${p}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it("are found, and a wrong one is caught", () => {
    const program = registered();
    const all = files().flatMap(({ path, kind }) =>
      invocations(readFileSync(join(root, path), "utf8"), kind),
    );
    expect(all.filter((l) => /(?:^|\s)microgoals\s+report\b/.test(l)).length).toBeGreaterThan(3);
    const yaml = "# Try:\n#   microgoals report --project x --source files \\\n#     --files 'a/*.parquet'\n";
    expect(problems(invocations(yaml, "yaml"), program)).toEqual([
      "no option --project: microgoals report --project x --source files --files 'a/*.parquet'",
    ]);
    const md = "Run `microgoals offline send deals.csv --goal g --dry-run` or `microgoals offline sned x`.";
    expect(problems(invocations(md, "md"), program)).toEqual([
      "not a subcommand of offline: microgoals offline sned x",
    ]);
  });
});
