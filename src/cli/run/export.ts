// `microgoals export`: writes the GTM container import file.

import { compile } from "../../compile/compile.js";
import { exportContainerJson } from "../../compile/container-export.js";
import { writeOutput } from "../../files/write-output.js";
import { plural } from "../../project/format/plural.js";
import { loadValidProject } from "../../project/load-valid.js";
import { projectRules } from "../../report/rules/index.js";
import { checkTarget } from "./check-target.js";

/** Without --out (or with "-") the import file goes to stdout and the summary to stderr. */
export async function runExport(dir: string, opts: { target?: string; out?: string }): Promise<void> {
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was exported" });
  checkTarget(project, opts.target);
  const state = compile(project, opts.target);
  const json = exportContainerJson(state);
  const toStdout = opts.out === undefined || opts.out === "-";
  if (toStdout) process.stdout.write(json);
  else await writeOutput(opts.out as string, json, "container export");
  const g = state.gtm;
  const say = toStdout ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const bytes = Buffer.byteLength(json).toLocaleString("en");
  say(
    `wrote ${toStdout ? "stdout" : opts.out}: ${plural(g.tags.length, "tag")}, ${plural(g.triggers.length, "trigger")}, ${plural(g.variables.length, "variable")} (${bytes} bytes)`,
  );
  say("Import it in GTM: Admin → Import container → Merge (rename conflicting), into a new workspace.");
}
