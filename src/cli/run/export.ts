// `microgoals export`: writes the GTM container import file.

import { writeFile } from "node:fs/promises";
import { compile } from "../../compile/compile.js";
import { exportContainerJson } from "../../compile/container-export.js";
import { loadValidProject } from "../../project/load-valid.js";
import { projectRules } from "../../report/rules/index.js";
import { checkTarget } from "./check-target.js";

export async function runExport(dir: string, opts: { target?: string; out: string }): Promise<void> {
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was exported" });
  checkTarget(project, opts.target);
  const state = compile(project, opts.target);
  const json = exportContainerJson(state);
  await writeFile(opts.out, json);
  const g = state.gtm;
  console.log(
    `wrote ${opts.out}: ${g.tags.length} tags, ${g.triggers.length} triggers, ${g.variables.length} variables (${json.length} bytes)`,
  );
  console.log(
    "Import it in GTM: Admin → Import container → Merge (rename conflicting), into a new workspace.",
  );
}
