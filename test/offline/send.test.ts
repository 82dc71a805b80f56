// The send driver against the emulator's Measurement Protocol, one fault at a time: what each
// answer does to the ledger, and what reaches GA4 (the emulator's stored events).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { emptyLedger, type Ledger } from "../../src/offline/ledger.js";
import { mpTransport } from "../../src/offline/mp-transport.js";
import type { OfflineRow } from "../../src/offline/offline-row.js";
import { sendOffline } from "../../src/offline/send-offline.js";

const MID = "G-EXAMPLE001";
const PROPERTY = "400000001";
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ gtmQuota: false });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.events.clear();
  emulator.faults.set({});
});

const rows = (n: number, clients = n): OfflineRow[] =>
  Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    clientId: `${1000 + (i % clients)}.1700000000`,
    timestampMicros: 1_764_500_000_000_000 + i,
    value: 100 + i,
    currency: "EUR",
    transactionId: `D-${i}`,
  }));

/** transaction id → how many times GA4 (the emulator) stored it */
function stored(): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of emulator.events.events(PROPERTY)) {
    const tx = String(e.params.transaction_id);
    m.set(tx, (m.get(tx) ?? 0) + 1);
  }
  return m;
}

async function send(
  r: OfflineRow[],
  ledger: Ledger,
  extra: { dryRun?: boolean; resendInDoubt?: boolean } = {},
) {
  let saved = ledger;
  let saves = 0;
  const result = await sendOffline({
    rows: r,
    eventName: "close_convert_lead",
    ledger,
    saveLedger: async (l) => {
      saved = l;
      saves++;
    },
    transport: mpTransport({
      origin: emulator.url,
      measurementId: MID,
      apiSecret: "s3cret",
      timeoutMs: 5000,
    }),
    dryRun: extra.dryRun ?? false,
    resendInDoubt: extra.resendInDoubt ?? false,
    backoffMs: 1,
  });
  return { result, saved, saves };
}

describe("offline send", () => {
  it("sends one request per client with at most 25 events, each row once, and skips sent rows on a re-run", async () => {
    const r = rows(60, 2); // two clients, 30 rows each → 2 + 2 requests
    const first = await send(r, emptyLedger(MID, "close_convert_lead"));
    expect(first.result).toMatchObject({ sent: 60, requests: 4, validated: 1, inDoubt: [] });
    expect([...stored().values()].every((n) => n === 1)).toBe(true);
    expect(stored().size).toBe(60);
    const e = [...emulator.events.events(PROPERTY)][0]!;
    expect(e).toMatchObject({ eventName: "close_convert_lead", userId: "1000.1700000000" });
    expect(e.params).toMatchObject({ transaction_id: "D-0", value: 100, currency: "EUR" });
    const again = await send(r, first.saved);
    expect(again.result).toMatchObject({ sent: 0, alreadySent: 60, requests: 0 });
    expect(stored().size).toBe(60);
  });

  it("dry run validates every request and sends nothing, writes no ledger", async () => {
    const { result, saves } = await send(rows(30, 30), emptyLedger(MID, "close_convert_lead"), {
      dryRun: true,
    });
    expect(result).toMatchObject({ sent: 0, validated: 30, requests: 0 });
    expect(saves).toBe(0);
    expect(emulator.events.count).toBe(0);
  });

  it("stops on a validation message before anything is sent", async () => {
    const bad = rows(3).map((r) => ({ ...r, transactionId: "x".repeat(101) }));
    await expect(send(bad.slice(0, 1), emptyLedger(MID, "close_convert_lead"))).rejects.toThrow(
      /validation endpoint refused the request for line 2: events\[0\]\.params\.transaction_id: .*longer than 100/,
    );
    expect(emulator.events.count).toBe(0);
  });

  it("retries 429 and 5xx answers (Google did not take the request) and sends each row once", async () => {
    emulator.faults.set({
      queue: [
        { kind: "http503", count: 2, pattern: "^/mp/collect" },
        { kind: "http429", count: 1, pattern: "^/mp/collect" },
        { kind: "http500", count: 1, pattern: "^/debug/mp" },
      ],
    });
    const { result, saved } = await send(rows(5), emptyLedger(MID, "close_convert_lead"));
    expect(result.sent).toBe(5);
    expect(Object.values(saved.entries).every((e) => e.state === "sent")).toBe(true);
    expect([...stored().entries()].sort()).toEqual(
      rows(5)
        .map((r) => [r.transactionId, 1])
        .sort(),
    );
  });

  it("records a request without reply as in doubt, never resends it on its own, resends it when asked", async () => {
    // "lost": the emulator stores the events, then cuts the connection without a reply.
    emulator.faults.set({ queue: [{ kind: "lost", count: 1, pattern: "^/mp/collect" }] });
    const r = rows(3);
    const first = await send(r, emptyLedger(MID, "close_convert_lead"));
    expect(first.result.inDoubt).toEqual(["D-0"]);
    expect(first.saved.entries["D-0"]!.state).toBe("in_doubt");
    expect(stored().get("D-0")).toBe(1);
    const rerun = await send(r, first.saved);
    expect(rerun.result).toMatchObject({ sent: 0, alreadySent: 2, inDoubt: ["D-0"] });
    expect(stored().get("D-0")).toBe(1);
  });

  it("resends in-doubt rows only when asked: after a dropped request that GA4 never got", async () => {
    // "drop": the connection is cut before the emulator handles the request.
    emulator.faults.set({ queue: [{ kind: "drop", count: 1, pattern: "^/mp/collect" }] });
    const r = rows(3);
    const first = await send(r, emptyLedger(MID, "close_convert_lead"));
    expect(first.result.inDoubt).toEqual(["D-0"]);
    expect(stored().get("D-0")).toBeUndefined();
    const resent = await send(r, first.saved, { resendInDoubt: true });
    expect(resent.result).toMatchObject({ sent: 1, alreadySent: 2, inDoubt: [] });
    expect(stored().get("D-0")).toBe(1);
  });

  it("treats a row left 'sending' by a killed run as in doubt", async () => {
    const r = rows(2);
    const killed: Ledger = {
      ...emptyLedger(MID, "close_convert_lead"),
      entries: {},
    };
    const first = await send(r.slice(0, 1), killed);
    const crashed = { ...first.saved, entries: { ...first.saved.entries } };
    crashed.entries["D-0"] = { ...crashed.entries["D-0"]!, state: "sending" };
    const rerun = await send(r, crashed);
    expect(rerun.result).toMatchObject({ sent: 1, inDoubt: ["D-0"] });
    expect(stored().get("D-0")).toBe(1);
  });

  it("refuses a row whose transaction id was sent with other content", async () => {
    const r = rows(1);
    const first = await send(r, emptyLedger(MID, "close_convert_lead"));
    await expect(send([{ ...r[0]!, value: 1 }], first.saved)).rejects.toThrow(
      /line 2: transaction_id "D-0" was already sent with other content/,
    );
  });
});
