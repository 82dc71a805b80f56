// A worker thread's half of the bootstrap (bootstrap-threads.ts): runs the replicates it is sent
// and posts back their log risk ratios. The arms arrive on shared memory, so nothing large is copied.
import { parentPort } from "node:worker_threads";
import { type ReplicateTask, replicateLogs } from "./replicate.js";

parentPort?.on("message", (task: ReplicateTask) => {
  const logs = replicateLogs(task.contexts, task.users, task.seed, task.from, task.to);
  parentPort?.postMessage(
    logs,
    logs.map((l) => l.buffer as ArrayBuffer),
  );
});
