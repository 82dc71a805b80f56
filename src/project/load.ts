// The spec loader: files → YAML (with positions) → JSON Schema → normalized Project → semantic rules.
// User mistakes never throw; they come back as located diagnostics (see load-result.ts).
import { join, resolve } from "node:path";
import type { Diagnostic } from "./diagnostic.js";
import { listGoalFiles } from "./goal-files.js";
import type { LoadResult } from "./load-result.js";
import type { AudienceSpec, Funnel, Goal, Position, SourceRef } from "./model.js";
import { normalizeGoalFile } from "./normalize-goals.js";
import { normalizeSettings, projectFile } from "./normalize-project.js";
import { readSpecFile } from "./read-spec-file.js";
import type { Rule } from "./rules/rule.js";
import { runRules } from "./run-rules.js";
import { checkSchema } from "./schema-check.js";
import type { ShapeIssue } from "./shape-issue.js";
import { sortDiagnostics } from "./sort-diagnostics.js";
import { type ParsedFile, parseSpecFile } from "./yaml-file.js";

export interface LoadOptions {
  /** semantic rules to run (default: the project's own; report/rules projectRules has them all) */
  rules?: readonly Rule[];
  /** why a file with an undefined value could not be read, when known (e.g. file-too-large) */
  unreadable?: Record<string, Diagnostic>;
}

/** Loads and validates the project in `dir` (microgoals.yaml + goals/**\/*.yaml). */
export async function loadProject(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const abs = resolve(dir);
  const files: Record<string, string | undefined> = {};
  const listed = await listGoalFiles(abs);
  const unreadable: Record<string, Diagnostic> = {};
  for (const rel of [projectFile, ...listed.files]) {
    const read = readSpecFile(join(abs, rel), rel);
    files[rel] = read.text;
    if (read.diagnostic) unreadable[rel] = read.diagnostic;
  }
  const loaded = loadProjectFromStrings(files, abs, { ...options, unreadable });
  if (listed.problems.length === 0) return loaded;
  const { project: _dropped, ...rest } = loaded;
  return { ...rest, diagnostics: sortDiagnostics([...listed.problems, ...loaded.diagnostics]) };
}

/**
 * The same pipeline over in-memory files: keys are project-relative paths ("microgoals.yaml",
 * "goals/shop.yaml"); an undefined value means the file is missing or unreadable.
 */
export function loadProjectFromStrings(
  files: Record<string, string | undefined>,
  dir = process.cwd(),
  options: LoadOptions = {},
): LoadResult {
  const sources = new Map<string, string>();
  const parsed = new Map<string, ParsedFile>();
  const diagnostics: Diagnostic[] = [];
  const goalPaths = Object.keys(files)
    .filter((f) => f !== projectFile)
    .sort();

  for (const file of [projectFile, ...goalPaths]) {
    const text = files[file];
    const why = options.unreadable?.[file];
    if (text === undefined && why) {
      diagnostics.push(why);
      continue;
    }
    if (text === undefined) {
      diagnostics.push({
        severity: "error",
        rule: "missing-file",
        message: `${file} is missing or unreadable.`,
        position: { file, line: 1, col: 1 },
        ...(file === projectFile ? { hint: "Create one with `microgoals init`." } : {}),
      });
      continue;
    }
    sources.set(file, text);
    const p = parseSpecFile(file, text);
    parsed.set(file, p);
    diagnostics.push(...p.diagnostics);
    if (p.data !== undefined) {
      diagnostics.push(...checkSchema(p, file === projectFile ? "project" : "goalFile"));
    }
  }

  const start = (file: string): Position => ({ file, line: 1, col: 1 });
  const locate = (ref: SourceRef): Position => parsed.get(ref.file)?.locate(ref.pointer) ?? start(ref.file);
  const locateKey = (ref: SourceRef): Position =>
    parsed.get(ref.file)?.locateKey(ref.pointer) ?? start(ref.file);
  const has = (ref: SourceRef): boolean => parsed.get(ref.file)?.has(ref.pointer) ?? false;
  const result = (extra: Diagnostic[] = [], project?: LoadResult["project"]): LoadResult => ({
    ...(project ? { project } : {}),
    diagnostics: sortDiagnostics([...diagnostics, ...extra]),
    locate,
    sources,
  });
  if (diagnostics.some((d) => d.severity === "error")) return result();

  const settings = normalizeSettings(parsed.get(projectFile)!.data as Record<string, unknown>);
  const goals: Goal[] = [];
  const funnels: Funnel[] = [];
  const audiences: AudienceSpec[] = [];
  const issues: ShapeIssue[] = [];
  const issueFile = new Map<ShapeIssue, string>();
  for (const file of goalPaths) {
    const before = issues.length;
    const r = normalizeGoalFile(
      parsed.get(file)!.data as Record<string, unknown>,
      file,
      settings.report.windowSeconds,
      issues,
    );
    for (const issue of issues.slice(before)) issueFile.set(issue, file);
    goals.push(...r.goals);
    funnels.push(...r.funnels);
    audiences.push(...r.audiences);
  }
  if (issues.length > 0) {
    return result(
      issues.map((i) => ({
        severity: "error",
        rule: i.rule,
        message: i.message,
        position: locate({ file: issueFile.get(i)!, pointer: i.pointer }),
        ...(i.hint ? { hint: i.hint } : {}),
      })),
    );
  }
  const project = {
    ...settings,
    dir,
    goals,
    funnels,
    ...(audiences.length > 0 ? { audiences } : {}),
    files: [projectFile, ...goalPaths],
  };
  return result(runRules(project, { locate, locateKey, has }, options.rules), project);
}
