// Independent, deliberately naive reference computations over materialised events: what the
// Data API answers must equal these exactly.

import type { StoredEvent } from "../../../src/emulator/data/event-store.js";

export function dimensionValue(e: StoredEvent, dim: string): string {
  switch (dim) {
    case "eventName":
      return e.eventName;
    case "pagePath":
      return e.pagePath;
    case "sessionSource":
      // The generators record each session's source on every event (and tag non-direct sessions'
      // session_start with it); a session with no source is GA4's "(direct)".
      return e.sessionSource === "(not set)" ? "(direct)" : e.sessionSource;
    case "pageLocation":
      return typeof e.params.page_location === "string" ? e.params.page_location : "(not set)";
    case "hostName":
      // WHATWG URL, independent of the emulator's pattern (test hosts are lower case).
      return typeof e.params.page_location === "string"
        ? new URL(e.params.page_location).hostname
        : "(not set)";
    case "date":
      return new Date(e.timestampMicros / 1000).toISOString().slice(0, 10).replaceAll("-", "");
    default: {
      const v = e.params[dim.slice("customEvent:".length)];
      return v === undefined ? "(not set)" : String(v);
    }
  }
}

/** "dim1|dim2" → [metric values] */
export function bruteReport(
  events: StoredEvent[],
  dims: string[],
  metrics: string[],
  keep: (e: StoredEvent) => boolean,
  isKey: (name: string) => boolean = () => false,
): Map<string, number[]> {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (!keep(e)) continue;
    const k = dims.map((d) => dimensionValue(e, d)).join("|");
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  const out = new Map<string, number[]>();
  for (const [k, es] of groups) {
    out.set(
      k,
      metrics.map((m) => {
        if (m === "eventCount") return es.length;
        if (m === "keyEvents") return es.filter((e) => isKey(e.eventName)).length;
        if (m === "sessions") return new Set(es.map((e) => `${e.userId}/${e.sessionId}`)).size;
        return new Set(es.map((e) => e.userId)).size;
      }),
    );
  }
  return out;
}

export interface BruteStep {
  match(e: StoredEvent): boolean;
  direct?: boolean;
  withinMicros?: number;
}

/** Per step: users reaching it, users continuing to the next step, and the breakdown by the event name at the user's first step. */
export function bruteFunnel(
  events: StoredEvent[],
  steps: BruteStep[],
  open: boolean,
): { users: number[]; continued: number[]; byEvent: Map<string, number>[] } {
  const byUser = new Map<string, { e: StoredEvent; n: number }[]>();
  events.forEach((e, n) => {
    const list = byUser.get(e.userId);
    if (list) list.push({ e, n });
    else byUser.set(e.userId, [{ e, n }]);
  });
  const users = steps.map(() => 0);
  const continued = steps.map(() => 0);
  const byEvent = steps.map(() => new Map<string, number>());
  for (const list of byUser.values()) {
    const es = list.sort((a, b) => a.e.timestampMicros - b.e.timestampMicros || a.n - b.n).map((x) => x.e);
    // ok[k][j]: event j completes step k on some valid path; via[k][j]: ... coming from step k-1
    const ok: boolean[][] = [];
    const via: boolean[][] = [];
    let entry: string | undefined;
    for (const [k, s] of steps.entries()) {
      ok.push([]);
      via.push([]);
      for (let j = 0; j < es.length; j++) {
        const ej = es[j] as StoredEvent;
        let v = false;
        if (k > 0) {
          for (let i = 0; i < j; i++) {
            const ei = es[i] as StoredEvent;
            if (!(ok[k - 1] as boolean[])[i]) continue;
            if (s.direct && i !== j - 1) continue;
            const gap = ej.timestampMicros - ei.timestampMicros;
            if (gap > 0 && gap <= (s.withinMicros ?? Number.POSITIVE_INFINITY)) v = true;
          }
        }
        const m = s.match(ej);
        (via[k] as boolean[]).push(m && v);
        (ok[k] as boolean[]).push(m && (k === 0 || open || v));
      }
      const first = (ok[k] as boolean[]).indexOf(true);
      if (first >= 0) {
        users[k] = (users[k] as number) + 1;
        // the value at the user's first step: the first event of the lowest step reached
        entry ??= (es[first] as StoredEvent).eventName;
        const name = entry;
        (byEvent[k] as Map<string, number>).set(
          name,
          ((byEvent[k] as Map<string, number>).get(name) ?? 0) + 1,
        );
      }
      if (k > 0 && (via[k] as boolean[]).includes(true)) continued[k - 1] = (continued[k - 1] as number) + 1;
    }
  }
  return { users, continued, byEvent };
}
