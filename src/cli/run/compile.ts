// `microgoals compile`: summary or the full DesiredState as canonical JSON.

import { canonicalJson } from "../../compile/canonical-json.js";
import { compiledState } from "../../compile/compile.js";
import { summarize } from "../../compile/summary.js";
import { loadValidProject } from "../../project/load-valid.js";
import { projectRules } from "../../report/rules/index.js";
import { checkTarget } from "./check-target.js";

export async function runCompile(dir: string, opts: { target?: string; json?: boolean }): Promise<void> {
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was compiled" });
  checkTarget(project, opts.target);
  // canonicalJson sorts the keys itself; the summary reads fields by name
  const state = compiledState(project, opts.target);
  process.stdout.write(opts.json ? `${canonicalJson(state, 2)}\n` : summarize(state));
}
