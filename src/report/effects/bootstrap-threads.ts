// The adjusted effects on two threads: the pairs' point estimates split between this thread and a
// worker (bootstrap-worker.ts), then this one runs the first half of the replicates while the
// worker runs the second, reading the journeys and arms from shared memory. A pair's estimate is
// the same on either thread, and every replicate draws from its own seed, so the numbers are the
// same as on one thread; if the worker cannot start or fails, this thread does its share too.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AdjustedEffect } from "../analysis.js";
import {
  type EffectOptions,
  type PairToEstimate,
  type PatternRows,
  type Pending,
  type StartedEstimates,
  startedOf,
  startPairEstimates,
} from "./adjusted-effect.js";
import type { Journeys } from "./journeys.js";
import type { PropensityDesign } from "./propensity.js";
import { type ReplicateTask, replicateLogs } from "./replicate.js";

/**
 * Below this many session passes (sessions × pairs) the point estimates stay on this thread:
 * measured, on 7 real days (22k sessions, 8 pairs) two threads took 330–371 ms against 221–270 on
 * one (both threads' first pairs run cold code, and each pair allocates fresh memory); at 10M
 * events (1.26M sessions) 2.6 s against 3.3 s.
 */
const MIN_SESSION_PASSES = 2_000_000;

/** What the worker is sent: pairs to estimate, or replicates to run. */
export type WorkerTask =
  | {
      kind: "estimate";
      j: Journeys;
      patterns: PatternRows;
      design: PropensityDesign;
      pairs: PairToEstimate[];
      options: Omit<EffectOptions, "horizonSeconds">;
    }
  | ({ kind: "replicates" } & ReplicateTask);

/**
 * Below this many row passes (rows × replicates) a second thread costs more than it saves.
 * MICROGOALS_BOOTSTRAP_THREADS=1 keeps the bootstrap on one thread.
 */
const MIN_ROW_PASSES = 2_000_000;

/** A package's ES-module entry for a subpath, from its exports map (require.resolve gives the CommonJS one). */
function esmEntry(require: NodeRequire, name: string, subpath: string): string {
  const manifest = require.resolve(`${name}/package.json`);
  const exports = JSON.parse(readFileSync(manifest, "utf8")).exports?.[subpath];
  return join(dirname(manifest), exports?.import?.default ?? exports?.import ?? exports);
}

/**
 * The worker beside this module: the bundle's own script, tsc's output, or, from TypeScript source
 * (tests, benches, tsx), the source with tsx's loader registered in the worker first (a worker
 * does not inherit the loader hooks of the thread that starts it).
 */
function newWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith(".cjs")) return new Worker(new URL("./bootstrap-worker.cjs", here));
  if (here.endsWith(".js")) return new Worker(new URL("./bootstrap-worker.js", here));
  const tsx = pathToFileURL(esmEntry(createRequire(here), "tsx", "./esm/api")).href;
  const source = new URL("./bootstrap-worker.ts", here).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); })`,
    { eval: true },
  );
}

/** A worker started ahead of time, and whether it has since failed or exited. */
export interface BootstrapWorker {
  worker: Worker;
  /** resolves when the worker fails or exits: from then on this thread does its share */
  gone: Promise<void>;
  terminate(): Promise<void>;
}

/**
 * Below this many session passes (sessions × pairs) no worker starts: its start and its own cold
 * code cost more than half the replicates save. Measured (whole adjusted reports, interleaved):
 * - 7 real days (22k sessions, 8 pairs: 178k): medians of 8, 1,390 ms on one thread, 1,461 with
 *   the worker started beside the sessions query, 1,471 started after it. The 100 replicates took
 *   188–287 ms on one thread and 200–250 ms split in two (each thread runs its first ones cold).
 * - generated exports, medians of 5–6: at 250k events (253k passes) one thread 1,285 ms, two
 *   1,307; at 500k (505k passes) one 1,740, two 1,670; at 1M (1M passes) one 2,860, two 2,600.
 */
export const MIN_WORKER_SESSION_PASSES = 400_000;

/**
 * A worker for `sessionPasses` (sessions × pairs), or undefined: one core, below
 * MIN_WORKER_SESSION_PASSES, MICROGOALS_BOOTSTRAP_THREADS=1, or where none can start.
 * MICROGOALS_BOOTSTRAP_THREADS=2 (tests) starts one whatever the size.
 */
export function startBootstrapWorker(sessionPasses: number): BootstrapWorker | undefined {
  const threads = process.env.MICROGOALS_BOOTSTRAP_THREADS;
  if (availableParallelism() < 2 || threads === "1") return undefined;
  if (sessionPasses < MIN_WORKER_SESSION_PASSES && threads !== "2") return undefined;
  try {
    const worker = newWorker();
    // Never the reason the process stays alive, but while it works.
    worker.unref();
    const gone = new Promise<void>((resolve) => {
      worker.once("error", (e) => {
        // Falls back quietly; MICROGOALS_DEBUG=1 says why.
        if (process.env.MICROGOALS_DEBUG) console.error(e);
        resolve();
      });
      worker.once("exit", () => resolve());
    });
    return { worker, gone, terminate: async () => void (await worker.terminate()) };
  } catch {
    return undefined;
  }
}

/** A count done of `of` as a share, for `onProgress` (none: undefined). */
function shareOf(
  onProgress: ((fraction: number) => void) | undefined,
  of: number,
): ((done: number) => void) | undefined {
  return onProgress && ((done) => onProgress(done / of));
}

/**
 * Every pair's point estimate (as startEstimates), every other pair on `thread`: its share of the
 * journeys (users, starts, the pairs' first times, each session's pattern) goes by shared memory
 * where the arrays are on it. `minSessionPasses`: below it, all on this thread. `onProgress`: the
 * share of this thread's pairs done, after each one.
 */
export async function startEstimatesOnThreads(
  j: Journeys,
  patterns: PatternRows,
  design: PropensityDesign,
  pairs: PairToEstimate[],
  options: Omit<EffectOptions, "horizonSeconds">,
  thread: BootstrapWorker | undefined,
  minSessionPasses = MIN_SESSION_PASSES,
  onProgress?: (fraction: number) => void,
): Promise<StartedEstimates> {
  const theirPairs = pairs.filter((_, i) => i % 2 === 1);
  if (!thread || theirPairs.length === 0 || j.start.length * pairs.length < minSessionPasses)
    return startedOf(
      startPairEstimates(j, patterns, design, pairs, options, shareOf(onProgress, pairs.length)),
      j.users,
      options,
    );
  const goals = new Set(theirPairs.flatMap((p) => [p.microId, p.macroId]));
  const task: WorkerTask = {
    kind: "estimate",
    // Only what a pair's estimate reads: no covariates, only these pairs' first times.
    j: { ...j, covariates: [], firstTime: new Map([...j.firstTime].filter(([g]) => goals.has(g))) },
    patterns: { of: patterns.of, count: patterns.count },
    design,
    pairs: theirPairs,
    options,
  };
  const theirs = ask<(AdjustedEffect | Pending)[]>(thread, task);
  const myPairs = pairs.filter((_, i) => i % 2 === 0);
  const mine = startPairEstimates(j, patterns, design, myPairs, options, shareOf(onProgress, myPairs.length));
  const rest = (await theirs) ?? startPairEstimates(j, patterns, design, theirPairs, options);
  // One design for every pair (the worker's copies are the same numbers): a replicate task then
  // carries it once.
  for (const e of rest) if ("ctx" in e) e.ctx.design = design;
  const effects = pairs.map(
    (_, i) => (i % 2 === 0 ? mine[i / 2] : rest[(i - 1) / 2]) as AdjustedEffect | Pending,
  );
  return startedOf(effects, j.users, options);
}

/**
 * Sends `task` and waits for the answer: undefined when the worker is gone or fails (this thread
 * then does the work). MICROGOALS_BOOTSTRAP_THREADS=2 (tests): two threads or an error, never the
 * quiet fallback.
 */
async function ask<T>(thread: BootstrapWorker, task: WorkerTask): Promise<T | undefined> {
  const { worker } = thread;
  // Kept alive while its answer is due (a failed worker resolves `gone` anyway).
  worker.ref();
  const answer = await new Promise<T | undefined>((resolve) => {
    worker.once("message", (reply: T) => resolve(reply));
    void thread.gone.then(() => resolve(undefined));
    try {
      worker.postMessage(task);
    } catch {
      resolve(undefined);
    }
  }).finally(() => worker.unref());
  if (!answer && process.env.MICROGOALS_BOOTSTRAP_THREADS === "2")
    throw new Error("the bootstrap worker did not answer");
  return answer;
}

/**
 * Every pair's replicate logs (as replicateLogs over all replicates), on this thread and `worker`.
 * `onProgress`: the share of this thread's replicates done, after each one (the worker runs as
 * many at about the same pace, so it stands for the whole).
 */
export async function replicateLogsOnThreads(
  started: StartedEstimates,
  thread: BootstrapWorker | undefined,
  onProgress?: (fraction: number) => void,
): Promise<Float64Array[]> {
  const { contexts, users, seed, replicates } = started;
  const rows = contexts.reduce((n, c) => n + c.doers.count + c.others.count, 0);
  if (!thread || rows * replicates < MIN_ROW_PASSES || replicates < 2)
    return replicateLogs(contexts, users, seed, 0, replicates, shareOf(onProgress, replicates));
  const half = Math.floor(replicates / 2);
  const theirs = ask<Float64Array[]>(thread, {
    kind: "replicates",
    contexts,
    users,
    seed,
    from: half,
    to: replicates,
  });
  const mine = replicateLogs(contexts, users, seed, 0, half, shareOf(onProgress, half));
  const rest = (await theirs) ?? replicateLogs(contexts, users, seed, half, replicates);
  return mine.map((m, k) => {
    const all = new Float64Array(replicates);
    all.set(m, 0);
    all.set(rest[k] as Float64Array, half);
    return all;
  });
}
