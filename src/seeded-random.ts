// mulberry32: a tiny, fast, seedable PRNG. Synthetic traffic, injected faults and the bootstrap must
// give the same numbers for a seed on every machine (reports stay byte-stable), so Math.random is
// never used.

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
