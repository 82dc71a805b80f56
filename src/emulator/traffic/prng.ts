// Synthetic traffic and injected faults draw from the shared seeded PRNG (src/seeded-random.ts).
import type { Random } from "../../seeded-random.js";

export { mulberry32, type Random } from "../../seeded-random.js";

/** Index drawn from relative weights. */
export function pickWeighted(rand: Random, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
