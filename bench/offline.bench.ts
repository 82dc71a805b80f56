// `offline send` against the in-process emulator: rows per second through the Measurement Protocol
// with the ledger written to disk (rename) before and after every request, one client per request
// (the common CRM case) and 25 events per request (one client with many deals); and the row check.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator } from "../src/emulator/server.js";
import { emptyLedger } from "../src/offline/ledger.js";
import { writeLedger } from "../src/offline/ledger-file.js";
import { mpTransport } from "../src/offline/mp-transport.js";
import { checkOfflineFile } from "../src/offline/offline-file.js";
import type { OfflineRow } from "../src/offline/offline-row.js";
import { sendOffline } from "../src/offline/send-offline.js";

const MID = "G-EXAMPLE001";

function rows(n: number, clients: number): OfflineRow[] {
  const now = Date.now() * 1000;
  return Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    clientId: `${1000 + (i % clients)}.1764000000`,
    timestampMicros: now - 3_600_000_000 - i,
    value: 100 + (i % 50),
    currency: "EUR",
    transactionId: `D-${i}`,
  }));
}

export async function run(): Promise<void> {
  const emulator = await startEmulator({ gtmQuota: false });
  const dir = mkdtempSync(join(tmpdir(), "mg-bench-offline-"));
  try {
    for (const [n, clients] of [
      [2000, 2000],
      [10000, 400],
    ] as const) {
      emulator.events.clear();
      const path = join(dir, `ledger-${n}.json`);
      const t = performance.now();
      const r = await sendOffline({
        rows: rows(n, clients),
        eventName: "close_convert_lead",
        ledger: emptyLedger(MID, "close_convert_lead"),
        saveLedger: (l) => writeLedger(path, l),
        transport: mpTransport({ origin: emulator.url, measurementId: MID, apiSecret: "bench" }),
        dryRun: false,
        resendInDoubt: false,
      });
      const s = (performance.now() - t) / 1000;
      console.log(
        `send ${n} rows, ${n / clients} per client: ${r.requests} requests in ${s.toFixed(2)} s, ${(n / s).toFixed(0)} rows/s, ${(r.requests / s).toFixed(0)} requests/s (ledger renamed ${2 * r.requests} times)`,
      );
    }
    const header = "client_id,user_id,timestamp,value,currency,transaction_id";
    const ts = new Date(Date.now() - 3_600_000).toISOString();
    const lines = Array.from({ length: 100_000 }, (_, i) => `${1000 + i}.1764000000,,${ts},12.50,EUR,D-${i}`);
    const text = [header, ...lines].join("\n");
    const t = performance.now();
    const checked = checkOfflineFile("bench.csv", text, "csv", {
      currency: "EUR",
      nowMicros: Date.now() * 1000,
    });
    console.log(
      `check 100,000 CSV rows (${(text.length / 1e6).toFixed(1)} MB): ${(performance.now() - t).toFixed(0)} ms, ${checked.rows.length} good`,
    );
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
