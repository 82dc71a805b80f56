// The pair section's percentiles by selection must equal the sorted definition (SQL's
// quantile_cont), duplicates and all.
import { describe, expect, it } from "vitest";
import { quantileCont } from "../../src/report/sources/export/sequence/pair-sections.js";
import { mulberry32 } from "../../src/seeded-random.js";

function bySort(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

describe("quantileCont", () => {
  it("equals the sorted definition on random values with many ties", () => {
    const rnd = mulberry32(3);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rnd() * 60);
      const values = Array.from({ length: n }, () => Math.floor(rnd() * (trial % 2 ? 5 : 1000)) / 7);
      for (const q of [0, 0.1, 0.5, 0.9, 1])
        expect(quantileCont(Float64Array.from(values), q)).toBe(bySort(values, q));
    }
  });
});
