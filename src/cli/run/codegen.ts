// `microgoals codegen`: writes the typed data-layer helpers.

import { generateTypeScript } from "../../compile/codegen/typescript.js";
import { UsageError } from "../../errors.js";
import { writeOutput } from "../../files/write-output.js";
import { loadValidProject } from "../../project/load-valid.js";
import { projectRules } from "../../report/rules/index.js";

export async function runCodegen(dir: string, opts: { lang: string; out: string }): Promise<void> {
  if (opts.lang !== "ts") throw new UsageError(`unsupported language "${opts.lang}"`, "Supported: ts");
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was generated" });
  const text = generateTypeScript(project);
  await writeOutput(opts.out, text, "generated code");
  const n = project.goals.filter((g) => g.trigger.kind === "data_layer").length;
  console.log(`wrote ${opts.out}: ${n} data-layer helper(s)`);
}
