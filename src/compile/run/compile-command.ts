// `microgoals compile`: summary or the full DesiredState as canonical JSON.

import { loadValidProject } from "../../spec/load-valid.js";
import { canonicalJson } from "../canonical-json.js";
import { compile } from "../compile.js";
import { summarize } from "../summary.js";
import { checkTarget } from "./valid-project.js";

export async function runCompile(dir: string, opts: { target?: string; json?: boolean }): Promise<void> {
  const project = await loadValidProject(dir, { consequence: "nothing was compiled" });
  checkTarget(project, opts.target);
  const state = compile(project, opts.target);
  process.stdout.write(opts.json ? `${canonicalJson(state, 2)}\n` : summarize(state));
}
