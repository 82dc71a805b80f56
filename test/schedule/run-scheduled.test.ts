import { describe, expect, it } from "vitest";
import {
  CronExpressionError,
  checkCronExpression,
  cronTicker,
  type TickerFactory,
} from "../../src/schedule/cron-ticker.js";
import { type RunOutcome, runScheduled } from "../../src/schedule/run-scheduled.js";

function manualTicker() {
  const state = { fire: () => {}, stopped: false };
  const factory: TickerFactory = (onTick) => {
    state.fire = onTick;
    return { next: () => new Date("2030-01-07T07:00:00.000Z"), stop: () => (state.stopped = true) };
  };
  return { factory, state };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const ok: RunOutcome = { exitCode: 0, alerts: 0 };

describe("runScheduled", () => {
  it("runs once and returns the run's exit code", async () => {
    const log: string[] = [];
    const summary = await runScheduled({
      once: true,
      job: async () => ({ exitCode: 3, alerts: 2, detail: "wrote report.html" }),
      stop: new AbortController().signal,
      log: (l) => log.push(l),
    });
    expect(summary).toEqual({ runs: 1, failures: 0, skipped: 0, lastExitCode: 3 });
    expect(log[0]).toMatch(/run 1 started$/);
    expect(log[1]).toMatch(/run 1 finished in \d+\.\d s: 2 alerts, exit 3; wrote report\.html$/);
  });

  it("runs on every tick, survives a failing run, and stops cleanly", async () => {
    const t = manualTicker();
    const stop = new AbortController();
    const log: string[] = [];
    let calls = 0;
    const job = async () => {
      calls++;
      if (calls === 2) throw new Error("GA4 said 503");
      return ok;
    };
    const running = runScheduled({ job, ticker: t.factory, stop: stop.signal, log: (l) => log.push(l) });
    await tick();
    expect(log).toEqual(["next run at 2030-01-07T07:00:00.000Z"]);
    for (let i = 0; i < 3; i++) {
      t.state.fire();
      await tick();
      await tick();
    }
    stop.abort();
    const summary = await running;
    expect(summary).toEqual({ runs: 3, failures: 1, skipped: 0, lastExitCode: 0 });
    expect(t.state.stopped).toBe(true);
    expect(log.filter((l) => l.includes("run 2 failed: GA4 said 503"))).toHaveLength(1);
    expect(log.filter((l) => /run 3 finished/.test(l))).toHaveLength(1);
    expect(log.at(-1)).toBe("stopped after 3 run(s), 1 failed");
  });

  it("skips a tick while a run is still going", async () => {
    const t = manualTicker();
    const stop = new AbortController();
    let release = () => {};
    const job = () => new Promise<RunOutcome>((r) => (release = () => r(ok)));
    const log: string[] = [];
    const running = runScheduled({ job, ticker: t.factory, stop: stop.signal, log: (l) => log.push(l) });
    t.state.fire();
    t.state.fire();
    release();
    await tick();
    stop.abort();
    expect(await running).toMatchObject({ runs: 1, skipped: 1 });
    expect(log.some((l) => l.endsWith("tick skipped: run 1 is still going"))).toBe(true);
  });

  it("lets the current run finish within the grace period on stop", async () => {
    const t = manualTicker();
    const stop = new AbortController();
    let aborted = false;
    const job = (signal: AbortSignal) =>
      new Promise<RunOutcome>((r) => {
        signal.addEventListener("abort", () => (aborted = true));
        setTimeout(() => r(ok), 30);
      });
    const running = runScheduled({
      job,
      ticker: t.factory,
      stop: stop.signal,
      graceMs: 5_000,
      log: () => {},
    });
    t.state.fire();
    stop.abort();
    expect(await running).toMatchObject({ runs: 1, failures: 0 });
    expect(aborted).toBe(false);
  });

  it("abandons a run that outlives the grace period, through its signal", async () => {
    const t = manualTicker();
    const stop = new AbortController();
    const job = (signal: AbortSignal) =>
      new Promise<RunOutcome>((_r, reject) =>
        signal.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    const log: string[] = [];
    const running = runScheduled({
      job,
      ticker: t.factory,
      stop: stop.signal,
      graceMs: 20,
      log: (l) => log.push(l),
    });
    t.state.fire();
    stop.abort();
    expect(await running).toMatchObject({ runs: 1, failures: 1 });
    expect(log.some((l) => l === "stopping: abandoning the current run")).toBe(true);
    expect(log.some((l) => l.endsWith("run 1 failed: abandoned on shutdown"))).toBe(true);
  });

  it("fires from a real cron expression (croner, seconds field)", async () => {
    const stop = new AbortController();
    let runs = 0;
    const job = async () => {
      runs++;
      stop.abort();
      return ok;
    };
    const summary = await runScheduled({
      job,
      ticker: cronTicker("* * * * * *"),
      stop: stop.signal,
      log: () => {},
    });
    expect(runs).toBe(1);
    expect(summary.runs).toBe(1);
  });
});

describe("cron expressions", () => {
  it("accepts standard expressions and rejects nonsense", () => {
    expect(() => checkCronExpression("0 7 * * 1")).not.toThrow();
    expect(() => checkCronExpression("@weekly")).not.toThrow();
    expect(() => checkCronExpression("61 7 * * 1")).toThrow(CronExpressionError);
    expect(() => checkCronExpression("every monday")).toThrow(/invalid cron expression "every monday"/);
  });
});
