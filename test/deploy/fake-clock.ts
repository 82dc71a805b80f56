import type { Clock } from "../../src/google/clock.js";

/** A clock that only moves when someone sleeps: pacing and backoff without real waiting. */
export function fakeClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}
