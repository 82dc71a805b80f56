// Checked rows → Measurement Protocol request bodies. One request carries one client (client_id and
// user_id are per request) and at most 25 events (Google's limit); each event keeps its own
// timestamp_micros, so a request may hold one client's deals from several days.
import type { OfflineRow } from "./offline-row.js";

export const MAX_EVENTS_PER_REQUEST = 25;

export interface MpBatch {
  rows: OfflineRow[];
  body: {
    client_id: string;
    user_id?: string;
    events: { name: string; timestamp_micros: number; params: Record<string, string | number> }[];
  };
}

export function mpBatches(rows: OfflineRow[], eventName: string): MpBatch[] {
  const byClient = new Map<string, OfflineRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.clientId, r.userId ?? null]);
    const list = byClient.get(key) ?? [];
    list.push(r);
    byClient.set(key, list);
  }
  const out: MpBatch[] = [];
  for (const list of byClient.values()) {
    for (let i = 0; i < list.length; i += MAX_EVENTS_PER_REQUEST) {
      const chunk = list.slice(i, i + MAX_EVENTS_PER_REQUEST);
      const first = chunk[0] as OfflineRow;
      out.push({
        rows: chunk,
        body: {
          client_id: first.clientId,
          ...(first.userId !== undefined ? { user_id: first.userId } : {}),
          events: chunk.map((r) => ({
            name: eventName,
            timestamp_micros: r.timestampMicros,
            params: { transaction_id: r.transactionId, value: r.value, currency: r.currency },
          })),
        },
      });
    }
  }
  return out;
}
