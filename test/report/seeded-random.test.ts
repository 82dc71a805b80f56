// The seeded generator is mulberry32, number for number: seeds written into reports, fixtures and
// tests must keep giving the same draws whatever shape the generator takes.
import { describe, expect, it } from "vitest";
import { Mulberry32, mulberry32 } from "../../src/seeded-random.js";

/** mulberry32 as published (Tommy Ettinger), as a closure over its state. */
function reference(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("mulberry32", () => {
  it.each([0, 1, 42, 2 ** 31 - 1, 2 ** 32 - 1, -7, 123456789])(
    "draws the reference sequence from seed %d",
    (seed) => {
      const expected = reference(seed);
      const closure = mulberry32(seed);
      const object = new Mulberry32(seed);
      for (let i = 0; i < 10_000; i++) {
        const x = expected();
        expect(closure()).toBe(x);
        expect(object.next()).toBe(x);
      }
    },
  );

  it("pins the first draws of seed 1", () => {
    const r = new Mulberry32(1);
    expect([r.next(), r.next(), r.next()]).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });
});
