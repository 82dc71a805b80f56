// "The result must validate": each imported goal is checked alone against a stub project with the
// real loader and rules; a goal with errors is dropped and listed with the first error. A final
// check of the whole file catches cross-goal findings.
import { stringify } from "yaml";
import { loadProjectFromStrings } from "../../project/load.js";
import { rules } from "../../project/rules/index.js";
import { compileRules } from "../rules/index.js";
import type { ImportResult, YamlGoal } from "./import-container.js";

const STUB_PROJECT = `version: 1
name: import check
default_target: check
targets:
  check:
    gtm: { account: "1", container: "1", workspace: check }
    ga4: { property: "1", measurement_id: G-CHECK00001 }
`;

export function errorsOf(goals: YamlGoal[]): string[] {
  const r = loadProjectFromStrings(
    { "microgoals.yaml": STUB_PROJECT, "goals/imported.yaml": stringify({ goals }) },
    "/",
    // Only errors matter here, and no report rule is an error.
    { rules: [...rules, ...compileRules] },
  );
  return r.diagnostics.filter((d) => d.severity === "error").map((d) => `[${d.rule}] ${d.message}`);
}

export function keepValid(result: ImportResult): ImportResult {
  const goals: YamlGoal[] = [];
  const skipped = [...result.skipped];
  for (const g of result.goals) {
    const errors = errorsOf([g]);
    if (errors.length) skipped.push({ tag: String(g.title), reason: `does not validate: ${errors[0]}` });
    else goals.push(g);
  }
  return { goals, skipped, partial: result.partial.filter((p) => goals.some((g) => g.title === p.tag)) };
}
