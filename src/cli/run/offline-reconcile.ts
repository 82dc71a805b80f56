// Glue for `microgoals offline reconcile`: the ledger's in-doubt rows checked against the Data API.
import { UsageError } from "../../errors.js";
import { inDoubtIds } from "../../offline/ledger.js";
import { defaultLedgerPath, readLedger, writeLedger } from "../../offline/ledger-file.js";
import { reconcile, transactionIdsRequest } from "../../offline/reconcile.js";
import { loadValidProject } from "../../project/load-valid.js";
import { isOfflineGoal } from "../../project/normalize-offline-goal.js";
import { resolveTarget } from "../../project/target.js";
import { projectRules } from "../../report/rules/index.js";

export interface OfflineReconcileFlags {
  goal: string;
  dir: string;
  target?: string;
  ledger?: string;
  endpoint?: string;
  credentials?: string;
}

export async function runOfflineReconcile(flags: OfflineReconcileFlags): Promise<void> {
  const project = await loadValidProject(flags.dir, {
    rules: projectRules,
    consequence: "nothing was changed",
  });
  const goal = project.goals.find((g) => g.id === flags.goal);
  if (!goal || !isOfflineGoal(goal))
    throw new UsageError(`"${flags.goal}" is not an offline goal of this project`);
  const target = resolveTarget(project, flags.target);
  const ledgerPath = flags.ledger ?? defaultLedgerPath(project.dir, goal.id, target.ga4.measurementId);
  const ledger = readLedger(ledgerPath, target.ga4.measurementId, goal.event);
  if (inDoubtIds(ledger).length === 0) {
    console.log("nothing in doubt: every recorded row was sent");
    return;
  }
  const { dataClients } = await import("../../report/sources/data-api/clients.js");
  const { rowsOf } = await import("../../report/sources/data-api/responses.js");
  const clients = await dataClients({ endpoint: flags.endpoint, credentials: flags.credentials });
  let found: Set<string>;
  try {
    const response = (await clients.batchRunReports({
      property: `properties/${target.ga4.propertyId}`,
      requests: [transactionIdsRequest(goal.event)],
    })) as { reports?: Parameters<typeof rowsOf>[0][] };
    const report = response.reports?.[0] ?? {};
    found = new Set(rowsOf(report).map((r) => r.dims[0] as string));
  } finally {
    await clients.close();
  }
  const r = reconcile(ledger, found, new Date());
  await writeLedger(ledgerPath, r.ledger);
  console.log(
    `${r.confirmed.length} in-doubt rows are in GA4 (now recorded as sent); ${r.cleared.length} are not (the next send sends them)`,
  );
}
