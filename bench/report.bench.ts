// Report wall time, Data API requests and quota tokens for 10, 50 and 200 micro goals against the
// emulator (official clients over HTTP), 5,000 users of synthetic traffic.
import { startEmulator } from "../src/emulator/server.js";
import { runReport } from "../src/report/run-report.js";
import { dataClients } from "../src/report/sources/data-api/clients.js";
import { generate, type PairTruth, projectFor, RANGE } from "../test/report/synthetic.js";

export async function run(): Promise<void> {
  for (const micros of [10, 50, 200]) {
    const truth: PairTruth[] = Array.from({ length: micros }, (_, i) => ({
      micro: `micro_${i}`,
      macro: `macro_${i % 5}`,
      microShare: 0.05 + (i % 7) * 0.03,
      rateAfter: 0.1 + (i % 3) * 0.05,
      baseline: 0.08,
    }));
    const project = projectFor(truth);
    const emulator = await startEmulator({ port: 0, data: { now: new Date("2024-06-01T00:00:00Z") } });
    emulator.events.appendBatch(generate(truth, 5000, 42));
    const clients = await dataClients({ endpoint: emulator.url });
    try {
      const t0 = performance.now();
      const { analysis } = await runReport({
        project,
        clients,
        since: RANGE.since,
        until: RANGE.until,
        format: "json",
      });
      const ms = performance.now() - t0;
      console.log(
        `report ${micros} micro goals (${analysis.pairs.length} pairs, ${emulator.events.count} events): ${ms.toFixed(0)} ms, ${analysis.cost.requests} requests, ${analysis.cost.tokens} tokens`,
      );
    } finally {
      await clients.close();
      await emulator.close();
    }
  }
}
