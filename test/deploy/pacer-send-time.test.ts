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
    const starts = await run(new Pacer({ limit: 3, windowMs: 1000 }, clock), clock, Array(7).fill(100));
    expect(starts).toEqual([0, 100, 200, 1000, 1100, 1200, 2000]);
  });

  it("a call slower than the fastest (a new connection) is charged later by the difference", async () => {
    const clock = fakeClock();
    const starts = await run(new Pacer({ limit: 3, windowMs: 1000 }, clock), clock, [500, 100, 100, 100]);
    // the first call may have reached the server up to 400 ms after it was sent
    expect(starts).toEqual([0, 500, 600, 1400]);
  });

  it("a call still running holds its slot", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 2, windowMs: 1000, marginMs: 5 }, clock);
    await pacer.acquire();
    await pacer.acquire();
    await clock.sleep(2000);
    expect(pacer.waitMs()).toBe(5); // both running: wait for one to end
    pacer.release();
    expect(pacer.waitMs()).toBe(0);
  });

  it("calls running at once may end in any order: each end is charged to its own call", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ limit: 2, windowMs: 1000 }, clock);
    const fast = await pacer.begin();
    const slow = await pacer.begin();
    await clock.sleep(100);
    slow.end(); // the slow call ends first, 100 ms after both were sent
    await clock.sleep(400);
    fast.end();
    // Fastest is 100 ms: the call that took 500 ms may have arrived 400 ms late, so the window
    // frees at 1000 ms (the other call) and then 1400 ms, not 1000 ms twice.
    expect(pacer.waitMs()).toBe(500);
    await pacer.acquire();
    expect(clock.now()).toBe(1000);
    expect(pacer.waitMs()).toBe(400);
  });
});
