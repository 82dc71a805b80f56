// Copies the GitHub Actions workflow templates (templates/github/*.yml) into a project's
// .github/workflows/, for `microgoals init --github`. Existing files are never overwritten.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { templatesDir } from "../project/package-root.js";

export const githubTemplatesDir = join(templatesDir, "github");

export interface AddedWorkflows {
  /** paths relative to the project directory, e.g. ".github/workflows/microgoals-pr.yml" */
  written: string[];
  /** already present, left as they were */
  skipped: string[];
}

export function githubWorkflowTemplates(): string[] {
  return readdirSync(githubTemplatesDir)
    .filter((f) => f.endsWith(".yml"))
    .sort();
}

export function addGithubWorkflows(dir: string): AddedWorkflows {
  const target = join(dir, ".github", "workflows");
  mkdirSync(target, { recursive: true });
  const result: AddedWorkflows = { written: [], skipped: [] };
  for (const name of githubWorkflowTemplates()) {
    const rel = `.github/workflows/${name}`;
    if (existsSync(join(target, name))) {
      result.skipped.push(rel);
      continue;
    }
    copyFileSync(join(githubTemplatesDir, name), join(target, name));
    result.written.push(rel);
  }
  return result;
}
