// `report --offline <file> --goal <id>` (export files): the outcomes file checked as `offline send`
// checks it (ids, timestamps, personal data) but with no 72-hour limit, since nothing goes to
// Google, then handed to the files source to join by client id in its SQL.

import { readBoundedText } from "../../bounded-read.js";
import { UsageError, UserError } from "../../errors.js";
import { checkOfflineFile, formatOf } from "../../offline/offline-file.js";
import { loadValidProject } from "../../project/load-valid.js";
import { isOfflineGoal } from "../../project/normalize-offline-goal.js";
import { projectRules } from "../../report/rules/index.js";
import type { SourceOptions } from "../../report/sources/source-options.js";

export async function withOfflineOutcomes(
  dir: string,
  flags: { offline?: string; goal?: string },
  source: SourceOptions | undefined,
): Promise<SourceOptions> {
  if (flags.offline === undefined || flags.goal === undefined)
    throw new UsageError("--offline and --goal go together", "e.g. --offline deals.csv --goal deal_closed");
  if (source?.kind !== "files") throw new UsageError("--offline is for --source files");
  const file = flags.offline;
  const format = formatOf(file);
  if (!format) throw new UsageError(`${file}: expected a .csv or .ndjson file`);
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "no report was made" });
  const goal = project.goals.find((g) => g.id === flags.goal);
  if (!goal || !isOfflineGoal(goal))
    throw new UsageError(`"${flags.goal}" is not an offline goal of this project`);
  let text: string;
  try {
    text = readBoundedText(file, 256 * 1024 * 1024);
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const checked = checkOfflineFile(file, text, format, {
    value: 0, // values are not read by the report
    currency: goal.keyEvent?.currency ?? project.report.currency,
    nowMicros: Date.now() * 1000,
    maxAgeMicros: Number.POSITIVE_INFINITY,
    userIdAlone: true,
  });
  for (const p of checked.problems) console.error(`${file}:${p.line}: ${p.reason}`);
  if (checked.problems.length > 0)
    throw new UserError(`${checked.problems.length} bad rows in ${file}; no report was made`);
  return {
    ...source,
    offline: {
      event: goal.event,
      outcomes: checked.rows.map((r) => ({
        clientId: r.clientId,
        ...(r.userId !== undefined ? { userId: r.userId } : {}),
        timestampMicros: r.timestampMicros,
      })),
    },
  };
}
