// The send ledger: for one measurement id and event, each transaction id's state. Pure data and
// transitions; ledger-file.ts stores it. A row is "sending" from just before its request leaves
// until the answer is recorded; a row still "sending" when a run starts belongs to a run that died
// mid-request (kill -9), so like a request that got no reply it is "in_doubt": it may or may not
// have reached GA4, and is never resent blindly (see docs/offline.md).
import { createHash } from "node:crypto";
import type { OfflineRow } from "./offline-row.js";

export type LedgerState = "sending" | "sent" | "in_doubt";

export interface LedgerEntry {
  state: LedgerState;
  /** what was sent: a row with the same transaction id but other content is refused */
  hash: string;
  line: number;
  at: string;
}

export interface Ledger {
  version: 1;
  measurementId: string;
  event: string;
  entries: Record<string, LedgerEntry>;
}

export function emptyLedger(measurementId: string, event: string): Ledger {
  return { version: 1, measurementId, event, entries: {} };
}

export function rowHash(r: OfflineRow): string {
  const content = [r.clientId, r.userId ?? "", r.timestampMicros, r.value, r.currency];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 16);
}

export interface LedgerPlan {
  toSend: OfflineRow[];
  alreadySent: OfflineRow[];
  inDoubt: OfflineRow[];
  /** same transaction id as a recorded row, other content */
  changed: OfflineRow[];
}

/** Which rows this run sends: the ones the ledger has never seen (and in-doubt ones when asked). */
export function planRows(ledger: Ledger, rows: OfflineRow[], resendInDoubt: boolean): LedgerPlan {
  const plan: LedgerPlan = { toSend: [], alreadySent: [], inDoubt: [], changed: [] };
  for (const r of rows) {
    const e = ledger.entries[r.transactionId];
    if (!e) plan.toSend.push(r);
    else if (e.hash !== rowHash(r)) plan.changed.push(r);
    else if (e.state === "sent") plan.alreadySent.push(r);
    else if (resendInDoubt) plan.toSend.push(r);
    else plan.inDoubt.push(r);
  }
  return plan;
}

export function mark(ledger: Ledger, rows: OfflineRow[], state: LedgerState | undefined, at: Date): Ledger {
  const entries = { ...ledger.entries };
  for (const r of rows) {
    if (state === undefined) delete entries[r.transactionId];
    else entries[r.transactionId] = { state, hash: rowHash(r), line: r.line, at: at.toISOString() };
  }
  return { ...ledger, entries };
}

export function inDoubtIds(ledger: Ledger): string[] {
  return Object.entries(ledger.entries)
    .filter(([, e]) => e.state !== "sent")
    .map(([id]) => id);
}
