// GA4's HyperLogLog++ counting in the emulator: observed error against exact counts at 10^3..10^6
// distinct users (precision 14, as GA4 counts users) and 10^3..10^5 sessions (precision 12), over
// user-id-like strings hashed by hash64, plus the cost of counting.
import { hash64 } from "../src/emulator/data/hash64.js";
import { HyperLogLogPlusPlus, SESSION_PRECISION, USER_PRECISION } from "../src/emulator/data/hyperloglog.js";
import { countingSigma } from "../src/report/stats/counting-error.js";

export async function run(): Promise<void> {
  for (const [label, precision, sizes] of [
    ["users (p 14/25)", USER_PRECISION, [1e3, 1e4, 1e5, 1e6]],
    ["sessions (p 12/17)", SESSION_PRECISION, [1e3, 1e4, 1e5]],
  ] as const) {
    for (const n of sizes) {
      const runs = n >= 1e6 ? 3 : n >= 1e5 ? 5 : 20;
      const errors: number[] = [];
      let ms = 0;
      for (let run = 0; run < runs; run++) {
        const t = performance.now();
        const s = new HyperLogLogPlusPlus(precision);
        for (let i = 0; i < n; i++) {
          const h = hash64(`${1_000_000_000 + run * 7_919 + i}.${1_600_000_000 + i}`);
          s.add(h.hi, h.lo);
        }
        errors.push(s.count() - n);
        ms += performance.now() - t;
      }
      const rms = Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / runs);
      const worst = Math.max(...errors.map(Math.abs));
      const model = precision === USER_PRECISION ? `, model σ ${countingSigma(n).toFixed(1)}` : "";
      console.log(
        `HLL++ ${label} n=${n.toExponential(0)}: rms error ${rms.toFixed(1)} (${((100 * rms) / n).toFixed(3)}%), worst ${worst} over ${runs} runs${model}; ${Math.round((n * runs) / (ms / 1000)).toLocaleString("en-US")} ids/s hashed+added`,
      );
    }
  }
}
