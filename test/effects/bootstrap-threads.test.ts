// The bootstrap on two threads gives the numbers of one thread: the worker runs the second half of
// the replicates from their own seeds, on the arms' shared memory; a worker that is gone leaves its
// half to this thread.
import { describe, expect, it } from "vitest";
import { startEstimates } from "../../src/report/effects/adjusted-effect.js";
import { replicateLogsOnThreads, startBootstrapWorker } from "../../src/report/effects/bootstrap-threads.js";
import { replicateLogs } from "../../src/report/effects/replicate.js";
import { confoundedJourneys } from "./confounded-journeys.js";

function started() {
  const { j, patterns, design, truth } = confoundedJourneys(8, 4000);
  const pairs = truth.pairs.map((t) => ({
    microId: t.micro,
    macroId: t.macro,
    horizonSeconds: truth.windowSeconds,
  }));
  return startEstimates(j, patterns, design, pairs, { minUsers: 20, replicates: 100, seed: 5 });
}

describe("the bootstrap on two threads", () => {
  const s = started();
  const serial = replicateLogs(s.contexts, s.users, s.seed, 0, s.replicates);

  it("gives every replicate exactly what one thread gives", async () => {
    expect(s.contexts.length).toBeGreaterThan(1);
    const rows = s.contexts.reduce((n, c) => n + c.doers.count + c.others.count, 0);
    // Big enough to be split (bootstrap-threads.ts MIN_ROW_PASSES).
    expect(rows * s.replicates).toBeGreaterThanOrEqual(2_000_000);
    const worker = startBootstrapWorker();
    expect(worker).toBeDefined();
    try {
      const logs = await replicateLogsOnThreads(s, worker);
      expect(logs.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l)));
      // The worker answered (it did not fail and leave its half here).
      let gone = false;
      void worker?.gone.then(() => {
        gone = true;
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(gone).toBe(false);
    } finally {
      await worker?.terminate();
    }
  }, 60_000);

  it("runs the worker's half here when the worker is gone", async () => {
    const worker = startBootstrapWorker();
    await worker?.terminate();
    const logs = await replicateLogsOnThreads(s, worker);
    expect(logs.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l)));
  }, 60_000);

  it("a replicate's draw depends on its seed and index only", () => {
    const second = replicateLogs(s.contexts, s.users, s.seed, 60, 100);
    expect(second.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l).slice(60)));
  });
});
