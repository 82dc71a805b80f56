// The scheduler behind `microgoals schedule`: runs a report on every tick of a cron expression,
// logs each run's start and finish (or failure), keeps going after a failed run, never overlaps
// runs, and stops cleanly when asked: no new runs, the current one gets `graceMs` to finish and is
// then abandoned through its AbortSignal.

import type { TickerFactory } from "./cron-ticker.js";

export interface RunOutcome {
  /** 0 ok, 3 alerts fired, anything else a problem */
  exitCode: number;
  alerts: number;
  /** one line for the log, e.g. "wrote reports/latest.html" */
  detail?: string;
}

export type ScheduledJob = (signal: AbortSignal) => Promise<RunOutcome>;

export interface RunScheduledOptions {
  job: ScheduledJob;
  /** how ticks come (croner in production); omit with once: true */
  ticker?: TickerFactory;
  /** run once now and return, instead of waiting for ticks */
  once?: boolean;
  /** aborting it asks the scheduler to stop */
  stop: AbortSignal;
  /** how long a stop waits for a run in progress before abandoning it (default 30 s) */
  graceMs?: number;
  log: (line: string) => void;
  now?: () => Date;
}

export interface ScheduledSummary {
  runs: number;
  failures: number;
  skipped: number;
  /** exit code of the last run (0 when none ran) */
  lastExitCode: number;
}

export async function runScheduled(options: RunScheduledOptions): Promise<ScheduledSummary> {
  const { job, log } = options;
  const now = options.now ?? (() => new Date());
  const graceMs = options.graceMs ?? 30_000;
  const summary: ScheduledSummary = { runs: 0, failures: 0, skipped: 0, lastExitCode: 0 };
  let current: { done: Promise<void>; abort: AbortController } | undefined;

  const runOnce = (): Promise<void> => {
    const abort = new AbortController();
    const n = summary.runs + 1;
    const started = now();
    log(`${started.toISOString()} run ${n} started`);
    const done = (async () => {
      try {
        const outcome = await job(abort.signal);
        summary.lastExitCode = outcome.exitCode;
        const took = ((now().getTime() - started.getTime()) / 1000).toFixed(1);
        const alerts = outcome.alerts === 1 ? "1 alert" : `${outcome.alerts} alerts`;
        const detail = outcome.detail ? `; ${outcome.detail}` : "";
        log(
          `${now().toISOString()} run ${n} finished in ${took} s: ${alerts}, exit ${outcome.exitCode}${detail}`,
        );
        if (outcome.exitCode !== 0 && outcome.exitCode !== 3) summary.failures++;
      } catch (err) {
        summary.failures++;
        summary.lastExitCode = 1;
        const reason = abort.signal.aborted
          ? "abandoned on shutdown"
          : err instanceof Error
            ? err.message
            : String(err);
        log(`${now().toISOString()} run ${n} failed: ${reason}`);
      } finally {
        summary.runs++;
        current = undefined;
      }
    })();
    current = { done, abort };
    return done;
  };

  if (options.once) {
    await runOnce();
    return summary;
  }
  if (!options.ticker) throw new Error("runScheduled needs a ticker unless once is set");
  if (options.stop.aborted) return summary;

  const ticker = options.ticker(() => {
    if (options.stop.aborted) return;
    if (current) {
      summary.skipped++;
      log(`${now().toISOString()} tick skipped: run ${summary.runs + 1} is still going`);
      return;
    }
    void runOnce().then(() => logNext());
  });
  const logNext = () => {
    if (options.stop.aborted) return;
    const next = ticker.next();
    log(next ? `next run at ${next.toISOString()}` : "no further runs: the expression never fires again");
  };
  logNext();

  await new Promise<void>((resolve) =>
    options.stop.addEventListener("abort", () => resolve(), { once: true }),
  );
  ticker.stop();
  const inFlight = current;
  if (inFlight) {
    log(`stopping: waiting up to ${(graceMs / 1000).toFixed(0)} s for the current run`);
    if (!(await settlesWithin(inFlight.done, graceMs))) {
      log("stopping: abandoning the current run");
      inFlight.abort.abort();
      // A job that ignores its signal must not hold the process hostage.
      await settlesWithin(inFlight.done, Math.min(graceMs, 5_000));
    }
  }
  log(`stopped after ${summary.runs} run(s), ${summary.failures} failed`);
  return summary;
}

async function settlesWithin(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = await Promise.race([p.then(() => true), timeout]);
  clearTimeout(timer);
  return settled;
}
