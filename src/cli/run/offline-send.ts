// Glue for `microgoals offline send`: flags, the secret, the file, printing. The work is in src/offline.
import { readFileSync } from "node:fs";
import { readBoundedText } from "../../bounded-read.js";
import { UsageError, UserError } from "../../errors.js";
import { endpointUrl } from "../../google/endpoint.js";
import { defaultLedgerPath, readLedger, writeLedger } from "../../offline/ledger-file.js";
import { GOOGLE_MP_ORIGIN, mpTransport } from "../../offline/mp-transport.js";
import { checkOfflineFile, formatOf } from "../../offline/offline-file.js";
import { sendOffline } from "../../offline/send-offline.js";
import { loadValidProject } from "../../project/load-valid.js";
import { isOfflineGoal } from "../../project/normalize-offline-goal.js";
import { resolveTarget } from "../../project/target.js";
import { projectRules } from "../../report/rules/index.js";

export interface OfflineSendFlags {
  goal: string;
  dir: string;
  target?: string;
  dryRun?: boolean;
  skipBad?: boolean;
  resendInDoubt?: boolean;
  apiSecretFile?: string;
  ledger?: string;
  endpoint?: string;
}

const MAX_FILE_BYTES = 256 * 1024 * 1024;
export const API_SECRET_ENV = "MICROGOALS_MP_API_SECRET";

function apiSecret(file: string | undefined): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new UsageError(
        `cannot read --api-secret-file ${file}: ${(err as NodeJS.ErrnoException).code ?? "unreadable"}`,
      );
    }
    const secret = text.trim();
    if (secret === "") throw new UsageError(`--api-secret-file ${file} is empty`);
    return secret;
  }
  const secret = process.env[API_SECRET_ENV]?.trim();
  if (!secret)
    throw new UsageError(
      "no Measurement Protocol API secret",
      `Set ${API_SECRET_ENV} or pass --api-secret-file (GA4: Admin → Data streams → Measurement Protocol API secrets).`,
    );
  return secret;
}

/** MICROGOALS_MP_BACKOFF_MS: the first retry delay after a 429/5xx (default 1000 ms, doubled per retry). */
function backoffMs(): number | undefined {
  const v = process.env.MICROGOALS_MP_BACKOFF_MS;
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`MICROGOALS_MP_BACKOFF_MS is not a number of ms: ${v}`);
  return n;
}

export async function runOfflineSend(file: string, flags: OfflineSendFlags): Promise<void> {
  const format = formatOf(file);
  if (!format) throw new UsageError(`${file}: expected a .csv or .ndjson file`);
  const project = await loadValidProject(flags.dir, { rules: projectRules, consequence: "nothing was sent" });
  const goal = project.goals.find((g) => g.id === flags.goal);
  if (!goal) {
    const offline = project.goals.filter(isOfflineGoal).map((g) => g.id);
    throw new UsageError(
      `unknown goal "${flags.goal}"`,
      offline.length
        ? `Offline goals: ${offline.join(", ")}.`
        : "No goal has source: offline yet (docs/spec.md).",
    );
  }
  if (!isOfflineGoal(goal))
    throw new UsageError(
      `goal "${goal.id}" is not an offline goal`,
      "Give it source: offline (docs/spec.md).",
    );
  const target = resolveTarget(project, flags.target);
  const secret = apiSecret(flags.apiSecretFile);
  const origin = endpointUrl(flags.endpoint)?.toString() ?? GOOGLE_MP_ORIGIN;

  let text: string;
  try {
    text = readBoundedText(file, MAX_FILE_BYTES);
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const checked = checkOfflineFile(file, text, format, {
    ...(goal.keyEvent?.value !== undefined || goal.value !== undefined
      ? { value: (goal.keyEvent?.value ?? goal.value) as number }
      : {}),
    currency: goal.keyEvent?.currency ?? project.report.currency,
    nowMicros: Date.now() * 1000,
  });
  for (const p of checked.problems) console.error(`${file}:${p.line}: ${p.reason}`);
  if (checked.problems.length > 0 && !flags.skipBad) {
    throw new UserError(
      `${checked.problems.length} bad row${checked.problems.length > 1 ? "s" : ""} in ${file}; nothing was sent`,
      1,
      "Fix them, or pass --skip-bad to send the good rows and leave these out.",
    );
  }

  const measurementId = target.ga4.measurementId;
  const ledgerPath = flags.ledger ?? defaultLedgerPath(project.dir, goal.id, measurementId);
  const ledger = readLedger(ledgerPath, measurementId, goal.event);
  const result = await sendOffline({
    rows: checked.rows,
    eventName: goal.event,
    ledger,
    saveLedger: (l) => writeLedger(ledgerPath, l),
    transport: mpTransport({ origin, measurementId, apiSecret: secret }),
    dryRun: flags.dryRun === true,
    resendInDoubt: flags.resendInDoubt === true,
    ...(backoffMs() !== undefined ? { backoffMs: backoffMs() } : {}),
  });
  const skipped = checked.problems.length ? `, ${checked.problems.length} bad rows left out` : "";
  if (flags.dryRun) {
    console.log(
      `dry run: ${checked.rows.length - result.alreadySent - result.inDoubt.length} rows would be sent as ${goal.event} to ${measurementId} in ${result.validated} requests, all valid; ${result.alreadySent} already sent${skipped}`,
    );
    return;
  }
  console.log(
    `sent ${result.sent} rows as ${goal.event} to ${measurementId} in ${result.requests} requests; ${result.alreadySent} already sent${skipped}`,
  );
  if (result.inDoubt.length > 0) {
    const ids = result.inDoubt.slice(0, 10).join(", ") + (result.inDoubt.length > 10 ? ", …" : "");
    throw new UserError(
      `${result.inDoubt.length} rows are in doubt (their request got no reply, so GA4 may or may not have them): ${ids}`,
      1,
      "They are not resent on their own: once GA4 has processed them, `microgoals offline reconcile` settles them from GA4's data; --resend-in-doubt sends them again blindly (docs/offline.md).",
    );
  }
}
