// The adjusted effects on two threads give the numbers of one thread: the worker estimates every
// other pair, and runs the second half of the replicates from their own seeds, on shared memory; a
// worker that is gone leaves its share to this thread.
import { describe, expect, it } from "vitest";
import { startEstimates } from "../../src/report/effects/adjusted-effect.js";
import {
  MIN_WORKER_SESSION_PASSES,
  replicateLogsOnThreads,
  startBootstrapWorker,
  startEstimatesOnThreads,
} from "../../src/report/effects/bootstrap-threads.js";
import { replicateLogs } from "../../src/report/effects/replicate.js";
import { confoundedJourneys } from "./confounded-journeys.js";

const options = { minUsers: 20, replicates: 100, seed: 5 };

function journeys() {
  const { j, patterns, design, truth } = confoundedJourneys(8, 4000);
  const pairs = truth.pairs.map((t) => ({
    microId: t.micro,
    macroId: t.macro,
    horizonSeconds: truth.windowSeconds,
  }));
  return { j, patterns, design, pairs };
}

function started() {
  const { j, patterns, design, pairs } = journeys();
  return startEstimates(j, patterns, design, pairs, options);
}

describe("the point estimates on two threads", () => {
  it("are every pair's estimate on one thread, in the pairs' order", async () => {
    const { j, patterns, design, pairs } = journeys();
    expect(pairs.length).toBeGreaterThan(2);
    const one = startEstimates(j, patterns, design, pairs, options);
    const worker = startBootstrapWorker(MIN_WORKER_SESSION_PASSES);
    expect(worker).toBeDefined();
    const before = process.env.MICROGOALS_BOOTSTRAP_THREADS;
    // Two threads or an error: a worker that did not answer must not pass for one that did.
    process.env.MICROGOALS_BOOTSTRAP_THREADS = "2";
    try {
      const progress: number[] = [];
      const two = await startEstimatesOnThreads(j, patterns, design, pairs, options, worker, 0, (f) =>
        progress.push(f),
      );
      expect(two.effects.length).toBe(pairs.length);
      // After each of this thread's pairs (every other one), its share done.
      const mine = Math.ceil(pairs.length / 2);
      expect(progress).toEqual(Array.from({ length: mine }, (_, i) => (i + 1) / mine));
      expect(two.contexts.length).toBe(one.contexts.length);
      const plain = (s: typeof one) =>
        s.effects.map((e) =>
          "ctx" in e ? { base: e.base, rr: e.rr, beta: Array.from(e.ctx.beta ?? []) } : e,
        );
      expect(plain(two)).toEqual(plain(one));
      // Their replicates too: the worker's arms are the same rows.
      expect(replicateLogs(two.contexts, two.users, two.seed, 0, 5)).toEqual(
        replicateLogs(one.contexts, one.users, one.seed, 0, 5),
      );
    } finally {
      if (before === undefined) delete process.env.MICROGOALS_BOOTSTRAP_THREADS;
      else process.env.MICROGOALS_BOOTSTRAP_THREADS = before;
      await worker?.terminate();
    }
  }, 60_000);

  it("are estimated here when the worker is gone", async () => {
    const { j, patterns, design, pairs } = journeys();
    const one = startEstimates(j, patterns, design, pairs, options);
    const worker = startBootstrapWorker(MIN_WORKER_SESSION_PASSES);
    await worker?.terminate();
    const two = await startEstimatesOnThreads(j, patterns, design, pairs, options, worker, 0);
    expect(two.effects.map((e) => ("ctx" in e ? e.rr : e.status))).toEqual(
      one.effects.map((e) => ("ctx" in e ? e.rr : e.status)),
    );
  }, 60_000);

  it("tell their progress after each pair on one thread", async () => {
    const { j, patterns, design, pairs } = journeys();
    const progress: number[] = [];
    await startEstimatesOnThreads(j, patterns, design, pairs, options, undefined, 0, (f) => progress.push(f));
    expect(progress).toEqual(pairs.map((_, i) => (i + 1) / pairs.length));
  }, 60_000);
});

describe("the bootstrap worker", () => {
  it("starts only for enough sessions × pairs, or when two threads are asked for", async () => {
    const before = process.env.MICROGOALS_BOOTSTRAP_THREADS;
    try {
      delete process.env.MICROGOALS_BOOTSTRAP_THREADS;
      expect(startBootstrapWorker(MIN_WORKER_SESSION_PASSES - 1)).toBeUndefined();
      const big = startBootstrapWorker(MIN_WORKER_SESSION_PASSES);
      expect(big).toBeDefined();
      await big?.terminate();
      process.env.MICROGOALS_BOOTSTRAP_THREADS = "2";
      const forced = startBootstrapWorker(1);
      expect(forced).toBeDefined();
      await forced?.terminate();
      process.env.MICROGOALS_BOOTSTRAP_THREADS = "1";
      expect(startBootstrapWorker(MIN_WORKER_SESSION_PASSES * 100)).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.MICROGOALS_BOOTSTRAP_THREADS;
      else process.env.MICROGOALS_BOOTSTRAP_THREADS = before;
    }
  });
});

describe("the bootstrap on two threads", () => {
  const s = started();
  const serial = replicateLogs(s.contexts, s.users, s.seed, 0, s.replicates);

  it("gives every replicate exactly what one thread gives", async () => {
    expect(s.contexts.length).toBeGreaterThan(1);
    const rows = s.contexts.reduce((n, c) => n + c.doers.count + c.others.count, 0);
    // Big enough to be split (bootstrap-threads.ts MIN_ROW_PASSES).
    expect(rows * s.replicates).toBeGreaterThanOrEqual(2_000_000);
    const worker = startBootstrapWorker(MIN_WORKER_SESSION_PASSES);
    expect(worker).toBeDefined();
    try {
      const progress: number[] = [];
      const logs = await replicateLogsOnThreads(s, worker, (f) => progress.push(f));
      expect(logs.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l)));
      // After each of this thread's half, its share done (the worker's half runs beside it).
      expect(progress).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) / 50));
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
    const worker = startBootstrapWorker(MIN_WORKER_SESSION_PASSES);
    await worker?.terminate();
    const logs = await replicateLogsOnThreads(s, worker);
    expect(logs.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l)));
  }, 60_000);

  it("tells its progress after each replicate on one thread", async () => {
    const progress: number[] = [];
    const logs = await replicateLogsOnThreads(s, undefined, (f) => progress.push(f));
    expect(logs.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l)));
    expect(progress).toEqual(Array.from({ length: 100 }, (_, i) => (i + 1) / 100));
  }, 60_000);

  it("a replicate's draw depends on its seed and index only", () => {
    const second = replicateLogs(s.contexts, s.users, s.seed, 60, 100);
    expect(second.map((l) => Array.from(l))).toEqual(serial.map((l) => Array.from(l).slice(60)));
  });
});
