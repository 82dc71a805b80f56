// GTM API throughput of the emulator through the official client (quota disabled): sequential
// latency percentiles and concurrent requests/second for list and create.
import { tagmanager } from "@googleapis/tagmanager";
import { startEmulator } from "../src/emulator/server.js";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label: string, n: number, concurrency: number, call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await call(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label}: ${n} requests, concurrency ${concurrency}: ${Math.round(n / seconds)} req/s, ` +
      `p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );
}

export async function run(): Promise<void> {
  const emulator = await startEmulator({ gtmQuota: false, workspaceLimit: 100 });
  const tm = tagmanager({ version: "v2", rootUrl: `${emulator.url}/`, retry: false });
  const parent = "accounts/6000001/containers/9000001/workspaces/1";
  const triggers = tm.accounts.containers.workspaces.triggers;
  await measure("gtm triggers.create", 2000, 1, (i) =>
    triggers.create({ parent, requestBody: { name: `t${i}`, type: "pageview" } }),
  );
  await measure("gtm triggers.create", 2000, 16, (i) =>
    triggers.create({ parent, requestBody: { name: `c${i}`, type: "pageview" } }),
  );
  await measure("gtm triggers.list (page 1 of 4000)", 2000, 1, () => triggers.list({ parent }));
  await measure("gtm triggers.list (page 1 of 4000)", 4000, 16, () => triggers.list({ parent }));
  await measure("gtm containers.get", 4000, 16, () =>
    tm.accounts.containers.get({ path: "accounts/6000001/containers/9000001" }),
  );
  const t0 = performance.now();
  const status = await tm.accounts.containers.workspaces.getStatus({ path: parent });
  console.log(
    `gtm workspaces.getStatus with ${status.data.workspaceChange?.length} changes: ${(performance.now() - t0).toFixed(1)} ms`,
  );
  await emulator.close();
}
