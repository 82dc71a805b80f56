// The import rules of docs/architecture.md, enforced over src/: which folders may import which,
// who may load Google clients or DuckDB, and no cycles between files or folders.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const src = join(root, "src");

/**
 * Folder → the folders it may import. Modules at the root of src/ (errors.ts, terminal-text.ts, seeded-random.ts,
 * bounded-read.ts) are leaves: they import nothing of ours, and every folder may import them.
 * Keep in step with the doc.
 */
const ALLOWED: Record<string, string[]> = {
  files: [],
  project: [],
  compile: ["project"],
  plan: ["compile", "project", "files"],
  google: [],
  gtm: ["google", "plan", "compile", "project"],
  ga4: ["google", "plan", "project"],
  deploy: ["gtm", "ga4", "google", "plan", "compile", "project"],
  report: ["compile", "project", "google"],
  schedule: ["report", "project", "files"],
  emulator: ["report", "project"],
  offline: ["files"],
  score: [],
  cli: ["*"],
};

/** Packages that talk to Google or embed a database: adapters only. */
const HEAVY = /^(@googleapis\/|@google-analytics\/|@google-cloud\/|google-auth-library|google-gax|@duckdb\/)/;
const ADAPTERS = ["google/", "report/sources/", "emulator/"];

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(src, join(e.parentPath, e.name)).split("\\").join("/"));
}

const files = sourceFiles(src);
const specifiers = new Map(
  files.map((f) => {
    const text = readFileSync(join(src, f), "utf8");
    const found = [
      ...text.matchAll(
        /(?:^|\n)\s*(?:import|export)[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
      ),
    ];
    return [f, found.map((m) => m[1] ?? m[2]).filter((s): s is string => s !== undefined)];
  }),
);

const fileEdges: Edge[] = files.flatMap((from) =>
  (specifiers.get(from) ?? [])
    .filter((s) => s.startsWith("."))
    .map((s) => ({
      from,
      to: normalize(join(dirname(from), s))
        .split("\\")
        .join("/")
        .replace(/\.js$/, ".ts"),
    })),
);

const LEAF = "(root leaf)";
const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : LEAF);

function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    stack.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === "open") found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of next.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe("import rules (docs/architecture.md)", () => {
  it("every relative import resolves to a file in src/", () => {
    expect(fileEdges.filter((e) => !files.includes(e.to))).toEqual([]);
  });

  it("every folder is in the rules table", () => {
    expect([...new Set(files.map(folderOf))].filter((f) => f !== LEAF && !(f in ALLOWED))).toEqual([]);
  });

  it("modules at the root of src/ are leaves: they import nothing of ours", () => {
    expect(fileEdges.filter((e) => folderOf(e.from) === LEAF).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("folders import only what the table allows (nothing outside cli/ imports cli/)", () => {
    const bad = fileEdges
      .map((e) => ({ ...e, a: folderOf(e.from), b: folderOf(e.to) }))
      .filter(
        (e) => e.a !== e.b && e.b !== LEAF && !ALLOWED[e.a]?.includes("*") && !ALLOWED[e.a]?.includes(e.b),
      )
      .map((e) => `${e.from} → ${e.to}`);
    expect(bad).toEqual([]);
  });

  it("only adapters import Google client packages or DuckDB", () => {
    const bad = files.flatMap((f) =>
      (specifiers.get(f) ?? [])
        .filter((s) => HEAVY.test(s) && !ADAPTERS.some((a) => f.startsWith(a)))
        .map((s) => `${f} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("has no import cycle between files", () => {
    expect(cycles(fileEdges)).toEqual([]);
  });

  it("has no import cycle between folders", () => {
    const folderEdges = fileEdges
      .map((e) => ({ from: folderOf(e.from), to: folderOf(e.to) }))
      .filter((e) => e.from !== e.to);
    expect(cycles(folderEdges)).toEqual([]);
  });

  it("the checks see real imports (a planted cycle and a planted cli import are caught)", () => {
    expect(
      cycles([
        ...fileEdges,
        { from: "errors.ts", to: "cli/main.ts" },
        { from: "cli/main.ts", to: "errors.ts" },
      ]),
    ).not.toEqual([]);
    expect(fileEdges.length).toBeGreaterThan(500);
    expect(fileEdges.some((e) => e.from === "cli/main.ts" && e.to === "cli/failure.ts")).toBe(true);
  });
});
