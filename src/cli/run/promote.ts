// `microgoals promote --from staging`: the version `apply --publish` put in an environment goes
// live, unchanged (the reviewed bytes, not a rebuild from the current spec).
import { formatBudget } from "../../google/budget.js";
import { promoteEnvironment } from "../../gtm/environment.js";
import { containerPath } from "../../gtm/workspace.js";
import { loadValidProject } from "../../project/load-valid.js";
import { resolveTarget } from "../../project/target.js";
import { projectRules } from "../../report/rules/index.js";
import { checkTarget } from "./check-target.js";
import { type Common, sessionFor, withBudget } from "./deploy.js";

export interface PromoteFlags extends Common {
  from: string;
}

export async function runPromote(dir: string, flags: PromoteFlags): Promise<void> {
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was published" });
  checkTarget(project, flags.target);
  const target = resolveTarget(project, flags.target);
  const container = containerPath(target.gtm.accountId, target.gtm.containerId);
  const session = await sessionFor(flags, "publish");
  const done = await withBudget(session, () =>
    promoteEnvironment(session.gtmCaller, session.gtm, container, flags.from),
  );
  console.log(
    `Published container version ${done.versionId} "${done.name}" from GTM environment "${flags.from}" (target ${target.name}).`,
  );
  console.error(formatBudget(session.budget.snapshot()));
}
