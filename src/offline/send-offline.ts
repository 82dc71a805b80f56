// The send driver: checked rows → ledger plan → Measurement Protocol requests, one at a time.
// Before a request leaves, its rows are recorded as "sending"; a 2xx records them "sent"; an HTTP
// error status (429, 5xx: Google did not take the request) clears them and the request is retried
// with backoff; no reply at all (reset, timeout) records them "in_doubt" and the run goes on.
// --dry-run and the first request of every run go through /debug/mp/collect first.
import { UserError } from "../errors.js";
import { type Ledger, mark, planRows } from "./ledger.js";
import { type MpBatch, mpBatches } from "./mp-batches.js";
import type { MpTransport, MpValidationMessage, ValidateOutcome } from "./mp-transport.js";
import type { OfflineRow } from "./offline-row.js";

export interface SendOptions {
  rows: OfflineRow[];
  eventName: string;
  ledger: Ledger;
  saveLedger(ledger: Ledger): Promise<void>;
  transport: MpTransport;
  dryRun: boolean;
  resendInDoubt: boolean;
  /** attempts per request on 429/5xx before the run stops (default 6) */
  maxAttempts?: number;
  /** first backoff delay, doubled per attempt (default 1000 ms) */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  onProgress?: (sentRows: number, totalRows: number) => void;
}

export interface SendResult {
  sent: number;
  alreadySent: number;
  inDoubt: string[]; // transaction ids: this run's no-reply rows and earlier ones held back
  requests: number;
  validated: number; // requests checked on the validation endpoint
  ledger: Ledger;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export async function sendOffline(o: SendOptions): Promise<SendResult> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? (() => new Date());
  const maxAttempts = o.maxAttempts ?? 6;
  const backoffMs = o.backoffMs ?? 1000;
  const plan = planRows(o.ledger, o.rows, o.resendInDoubt);
  if (plan.changed.length > 0) {
    const r = plan.changed[0] as OfflineRow;
    throw new UserError(
      `line ${r.line}: transaction_id "${r.transactionId}" was already sent with other content (${plan.changed.length} such row${plan.changed.length > 1 ? "s" : ""})`,
      1,
      "GA4 cannot change a sent event; send a correction under a new transaction_id, or fix the file.",
    );
  }
  const batches = mpBatches(plan.toSend, o.eventName);
  const result: SendResult = {
    sent: 0,
    alreadySent: plan.alreadySent.length,
    inDoubt: plan.inDoubt.map((r) => r.transactionId),
    requests: 0,
    validated: 0,
    ledger: o.ledger,
  };

  const withRetry = async <T extends { kind: string }>(
    call: () => Promise<T>,
  ): Promise<T | { kind: "refused"; status: number }> => {
    let outcome: T | { kind: "refused"; status: number } = { kind: "refused", status: 0 };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      outcome = await call();
      const status = (outcome as { status?: number }).status;
      if (outcome.kind !== "refused" || !RETRYABLE.has(status as number)) return outcome;
      if (attempt < maxAttempts) await sleep(backoffMs * 2 ** (attempt - 1));
    }
    return outcome;
  };

  const validate = async (batch: MpBatch): Promise<void> => {
    let outcome: ValidateOutcome | { kind: "refused"; status: number } = { kind: "refused", status: 0 };
    for (let round = 0; round < maxAttempts; round++) {
      outcome = await withRetry(() => o.transport.validate(batch.body));
      if (outcome.kind !== "no-reply") break; // validation has no effect: no reply is safe to retry
      await sleep(backoffMs * 2 ** round);
    }
    result.validated++;
    if (outcome.kind === "refused")
      throw new UserError(
        `the Measurement Protocol validation endpoint answered HTTP ${outcome.status}; nothing more was sent`,
      );
    if (outcome.kind === "no-reply")
      throw new UserError(
        `the Measurement Protocol validation endpoint did not answer (${outcome.reason}); nothing more was sent`,
      );
    if (outcome.messages.length > 0) throw validationError(batch, outcome.messages);
  };

  if (o.dryRun) {
    for (const b of batches) await validate(b);
    return result;
  }

  let ledger = o.ledger;
  const total = plan.toSend.length;
  for (const [i, batch] of batches.entries()) {
    if (i === 0) await validate(batch);
    ledger = mark(ledger, batch.rows, "sending", now());
    await o.saveLedger(ledger);
    const outcome = await withRetry(() => o.transport.collect(batch.body));
    result.requests++;
    if (outcome.kind === "accepted") {
      ledger = mark(ledger, batch.rows, "sent", now());
      result.sent += batch.rows.length;
    } else if (outcome.kind === "no-reply") {
      ledger = mark(ledger, batch.rows, "in_doubt", now());
      result.inDoubt.push(...batch.rows.map((r) => r.transactionId));
    } else {
      // An HTTP error status: Google did not take the request, so its rows were not sent.
      ledger = mark(ledger, batch.rows, undefined, now());
      await o.saveLedger(ledger);
      result.ledger = ledger;
      throw new UserError(
        `the Measurement Protocol answered HTTP ${outcome.status} ${maxAttempts} times; ${result.sent} of ${total} rows were sent, the rest were not`,
        1,
        "Run the same command again later: rows already sent are skipped.",
      );
    }
    await o.saveLedger(ledger);
    o.onProgress?.(result.sent, total);
  }
  result.ledger = ledger;
  return result;
}

function validationError(batch: MpBatch, messages: MpValidationMessage[]): UserError {
  const lines = batch.rows.map((r) => r.line).join(", ");
  const text = messages
    .map(
      (m) =>
        `${m.fieldPath ? `${m.fieldPath}: ` : ""}${m.description ?? "(no description)"}${m.validationCode ? ` [${m.validationCode}]` : ""}`,
    )
    .join("; ");
  return new UserError(
    `the Measurement Protocol validation endpoint refused the request for line${batch.rows.length > 1 ? "s" : ""} ${lines}: ${text}; nothing more was sent`,
    1,
  );
}
