// The bootstrap on two threads: this one runs the first half of the replicates while a worker
// (bootstrap-worker.ts) runs the second, reading the arms from shared memory. Every replicate
// draws from its own seed, so the numbers are the same as on one thread; if the worker cannot
// start or fails, this thread runs its half too.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { StartedEstimates } from "./adjusted-effect.js";
import { type ReplicateTask, replicateLogs } from "./replicate.js";

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
 * A worker started ahead of time (its start overlaps the queries that feed the estimator), or
 * undefined on one core or where none can start.
 */
export function startBootstrapWorker(): BootstrapWorker | undefined {
  if (availableParallelism() < 2 || process.env.MICROGOALS_BOOTSTRAP_THREADS === "1") return undefined;
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

/** Every pair's replicate logs (as replicateLogs over all replicates), on this thread and `worker`. */
export async function replicateLogsOnThreads(
  started: StartedEstimates,
  thread: BootstrapWorker | undefined,
): Promise<Float64Array[]> {
  const { contexts, users, seed, replicates } = started;
  const rows = contexts.reduce((n, c) => n + c.doers.count + c.others.count, 0);
  if (!thread || rows * replicates < MIN_ROW_PASSES || replicates < 2)
    return replicateLogs(contexts, users, seed, 0, replicates);
  const { worker } = thread;
  const half = Math.floor(replicates / 2);
  const task: ReplicateTask = { contexts, users, seed, from: half, to: replicates };
  const theirs = new Promise<Float64Array[] | undefined>((resolve) => {
    worker.once("message", (logs: Float64Array[]) => resolve(logs));
    void thread.gone.then(() => resolve(undefined));
    try {
      worker.postMessage(task);
    } catch {
      resolve(undefined);
    }
  });
  // Kept alive while its answer is due (a failed worker resolves `gone` anyway).
  worker.ref();
  const mine = replicateLogs(contexts, users, seed, 0, half);
  const answer = await theirs;
  // MICROGOALS_BOOTSTRAP_THREADS=2 (tests): two threads or an error, never the quiet fallback.
  if (!answer && process.env.MICROGOALS_BOOTSTRAP_THREADS === "2")
    throw new Error("the bootstrap worker did not answer");
  const rest = answer ?? replicateLogs(contexts, users, seed, half, replicates);
  worker.unref();
  return mine.map((m, k) => {
    const all = new Float64Array(replicates);
    all.set(m, 0);
    all.set(rest[k] as Float64Array, half);
    return all;
  });
}
