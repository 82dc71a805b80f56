// Builds small in-memory projects for spec tests: a valid project file and a base goals file that
// the cases append to, so every expected line:col can be read off the fixture.
import { loadProjectFromStrings } from "../../src/project/load.js";
import type { LoadResult } from "../../src/project/load-result.js";
import { projectRules } from "../../src/report/rules/index.js";

export const projectLines = [
  "version: 1", // 1
  "name: T", // 2
  "default_target: staging", // 3
  "targets:", // 4
  "  staging:", // 5
  '    gtm: { account: "1", container: "2" }', // 6
  '    ga4: { property: "3", measurement_id: G-ABC }', // 7
];

/** 15 lines: a macro "purchase" and a micro "view_item" leading to it. Appended lines start at 16. */
export const baseGoalLines = [
  "goals:",
  "  - id: purchase",
  "    title: Purchase",
  "    kind: macro",
  "    trigger:",
  "      data_layer:",
  "        event: purchase",
  "  - id: view_item",
  "    title: View item",
  "    kind: micro",
  "    role: milestone",
  "    leads_to: [purchase]",
  "    trigger:",
  "      page_view:",
  "        path: /item",
];

export type Files = Record<string, string | undefined>;

/** A project whose goals/a.yaml is the base goals plus `extra` lines. */
export function withGoals(extra: string[], more: Files = {}): Files {
  return {
    "microgoals.yaml": projectLines.join("\n") + "\n",
    "goals/a.yaml": [...baseGoalLines, ...extra].join("\n") + "\n",
    ...more,
  };
}

/** A project with extra lines appended to microgoals.yaml (starting at line 8). */
export function withProject(extra: string[], replace?: string[]): Files {
  return {
    "microgoals.yaml": [...(replace ?? projectLines), ...extra].join("\n") + "\n",
    "goals/a.yaml": baseGoalLines.join("\n") + "\n",
  };
}

export function load(files: Files): LoadResult {
  return loadProjectFromStrings(files, "/tmp/project", { rules: projectRules });
}

/** "rule@file:line:col" for every diagnostic, for compact assertions. */
export function found(files: Files): string[] {
  return load(files).diagnostics.map(
    (d) => `${d.rule}@${d.position.file}:${d.position.line}:${d.position.col}`,
  );
}

/** Appended-line number → absolute line in goals/a.yaml. */
export const L = (appended: number) => 15 + appended;

/** A micro goal block (8 lines) whose trigger is the given lines under `trigger:` (line 7 onwards). */
export function micro(id: string, trigger: string[], extra: string[] = []): string[] {
  return [
    `  - id: ${id}`, // 1
    `    title: ${id}`, // 2
    "    kind: micro", // 3
    "    role: secondary", // 4
    "    leads_to: [purchase]", // 5
    "    trigger:", // 6
    ...trigger, // 7..
    ...extra,
  ];
}
