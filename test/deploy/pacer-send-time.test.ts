// The pacer charges calls by send time, so sequential calls keep the window full: no call's
// latency is added per window (issue 19).
import { describe, expect, it } from "vitest";
import { Pacer } from "../../src/google/pacer.js";
import { fakeClock } from "./fake-clock.js";

async function run(
  pacer: Pacer,
  clock: ReturnType<typeof fakeClock>,
  latencies: number[],
): Promise<number[]> {
  const starts: number[] = [];
  for (const ms of latencies) {
    await pacer.acquire();
    starts.push(clock.now());
    await clock.sleep(ms); // the call itself
    pacer.release();
  }
  return starts;
}

describe("pacer charges by send time", () => {
  it("a call may start a window after the call `limit` back was sent, not after it ended", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 3, windowMs: 1000, marginMs: 150 }, clock);
    const starts = await run(pacer, clock, Array(7).fill(100));
    // a window and the margin after the send; from the end it would be 1250
    expect(starts).toEqual([0, 100, 200, 1150, 1250, 1350, 2300]);
  });

  it("a call slower than the fastest (a new connection) is charged later by the difference", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 3, windowMs: 1000, marginMs: 150 }, clock);
    const starts = await run(pacer, clock, [500, 100, 100, 100]);
    // the first call may have reached the server up to 400 ms after it was sent
    expect(starts).toEqual([0, 500, 600, 1550]);
  });

  it("the margin is at least the fastest call's latency: that call may have arrived at its end", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 1, windowMs: 1000, marginMs: 2 }, clock);
    const starts = await run(pacer, clock, [10, 10, 10]);
    expect(starts).toEqual([0, 1010, 2020]);
    expect(pacer.window().marginMs).toBe(10);
  });

  it("a call still running holds its slot", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 2, windowMs: 1000, marginMs: 5 }, clock);
    await pacer.acquire();
    await pacer.acquire();
    await clock.sleep(2000);
    expect(pacer.waitMs()).toBe(5); // both running: wait for one to end
    pacer.release();
    // the only ended call took 2 s: it may have reached the server as late as its end
    expect(pacer.waitMs()).toBe(1000);
  });

  it("calls running at once may end in any order: each end is charged to its own call", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 2, windowMs: 1000, marginMs: 150 }, clock);
    const fast = await pacer.begin();
    const slow = await pacer.begin();
    await clock.sleep(100);
    slow.end(); // the slow call ends first, 100 ms after both were sent
    await clock.sleep(400);
    fast.end();
    // Fastest is 100 ms: the call that took 500 ms may have arrived 400 ms late, so the window
    // frees at 1150 ms (the other call) and then 1550 ms, not 1150 ms twice.
    expect(pacer.waitMs()).toBe(650);
    await pacer.acquire();
    expect(clock.now()).toBe(1150);
    expect(pacer.waitMs()).toBe(400);
  });

  it("another process counts a call by its end: it cannot know how late the call arrived", async () => {
    // What the quota memory shares. A process's first calls are slow and arrive late (a plan's two
    // reads were charged ~35 ms after they were sent). Charged at their send time by this pacer's
    // own reckoning (it is the fastest, so nothing is added), they would leave the next process's
    // window too early. That process would then be refused.
    const clock = fakeClock();
    const calls: number[][] = [];
    const shared = {
      exchange: (own: readonly number[]) => {
        calls.push([...own]);
        return [];
      },
    };
    const pacer = new Pacer({ limit: 3, windowMs: 1000, marginMs: 2 }, clock, shared);
    await run(pacer, clock, [40, 40]);
    expect(calls.at(-1)).toEqual([40, 80]);
    expect(pacer.window().completions).toEqual([0, 40]);
  });
});
