// Settling in-doubt rows from GA4's own data. A request without a reply may or may not have
// reached GA4, and the Measurement Protocol cannot be asked; the Data API can, once GA4 has
// processed the events: rows whose transaction id GA4 reports (customEvent:transaction_id on the
// goal's event) become "sent"; the others are cleared so the next send sends them.
import { inDoubtIds, type Ledger } from "./ledger.js";

export interface ReconcileResult {
  ledger: Ledger;
  confirmed: string[];
  cleared: string[];
}

/** `found`: the transaction ids GA4 reports for the goal's event over the rows' dates. */
export function reconcile(ledger: Ledger, found: ReadonlySet<string>, at: Date): ReconcileResult {
  const entries = { ...ledger.entries };
  const confirmed: string[] = [];
  const cleared: string[] = [];
  for (const id of inDoubtIds(ledger)) {
    if (found.has(id)) {
      entries[id] = { ...(entries[id] as Ledger["entries"][string]), state: "sent", at: at.toISOString() };
      confirmed.push(id);
    } else {
      delete entries[id];
      cleared.push(id);
    }
  }
  return { ledger: { ...ledger, entries }, confirmed, cleared };
}

/** The Data API request (one of a batch) listing the goal's transaction ids over the MP's 72 hours. */
export function transactionIdsRequest(eventName: string): Record<string, unknown> {
  return {
    dateRanges: [{ startDate: "4daysAgo", endDate: "today" }],
    dimensions: [{ name: "customEvent:transaction_id" }],
    metrics: [{ name: "eventCount" }],
    dimensionFilter: {
      filter: { fieldName: "eventName", stringFilter: { matchType: "EXACT", value: eventName } },
    },
    limit: 250000,
  };
}
