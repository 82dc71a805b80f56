// `microgoals compile`: summary or the full DesiredState as canonical JSON.
import { canonicalJson } from "../canonical-json.js";
import { compile } from "../compile.js";
import { summarize } from "../summary.js";
import { checkTarget, loadValidProject } from "./valid-project.js";

export async function runCompile(dir: string, opts: { target?: string; json?: boolean }): Promise<void> {
  const project = await loadValidProject(dir);
  checkTarget(project, opts.target);
  const state = compile(project, opts.target);
  process.stdout.write(opts.json ? `${canonicalJson(state, 2)}\n` : summarize(state));
}
