// A worker thread's share of the adjusted effects (bootstrap-threads.ts): the point estimates of
// the pairs it is sent, or the replicates it is sent, posted back. The journeys and the arms arrive
// on shared memory, so nothing large is copied either way.
import { parentPort } from "node:worker_threads";
import { startPairEstimates } from "./adjusted-effect.js";
import type { WorkerTask } from "./bootstrap-threads.js";
import { replicateLogs } from "./replicate.js";

parentPort?.on("message", (task: WorkerTask) => {
  if (task.kind === "estimate") {
    parentPort?.postMessage(startPairEstimates(task.j, task.patterns, task.design, task.pairs, task.options));
    return;
  }
  const logs = replicateLogs(task.contexts, task.users, task.seed, task.from, task.to);
  parentPort?.postMessage(
    logs,
    logs.map((l) => l.buffer as ArrayBuffer),
  );
});
