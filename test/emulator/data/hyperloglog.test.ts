// HyperLogLog++ against its known behaviour: the 64-bit hash against a BigInt reference, exact
// small counts in sparse mode, the sparse → dense conversion, and relative errors within the
// bounds of Heule et al. (standard error 1.04/√m) at GA4's precisions.
import { describe, expect, it } from "vitest";
import { fmix64, hash64, mul64 } from "../../../src/emulator/data/hash64.js";
import {
  HyperLogLogPlusPlus,
  SESSION_PRECISION,
  USER_PRECISION,
} from "../../../src/emulator/data/hyperloglog.js";
import { mulberry32 } from "../../../src/emulator/traffic/prng.js";

const M64 = (1n << 64n) - 1n;
const big = (h: { hi: number; lo: number }) => (BigInt(h.hi) << 32n) | BigInt(h.lo);

function referenceHash(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & M64;
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & M64;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & M64;
  h ^= h >> 33n;
  return h;
}

function sketchOf(ids: Iterable<string>, precision = USER_PRECISION): HyperLogLogPlusPlus {
  const s = new HyperLogLogPlusPlus(precision);
  for (const id of ids) {
    const h = hash64(id);
    s.add(h.hi, h.lo);
  }
  return s;
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i}`);

describe("hash64", () => {
  it("multiplies modulo 2^64 like BigInt", () => {
    const rand = mulberry32(7);
    for (let k = 0; k < 500; k++) {
      const [ah, al, bh, bl] = [0, 0, 0, 0].map(() => Math.floor(rand() * 2 ** 32) >>> 0) as [
        number,
        number,
        number,
        number,
      ];
      const want = (((BigInt(ah) << 32n) | BigInt(al)) * ((BigInt(bh) << 32n) | BigInt(bl))) & M64;
      expect(big(mul64(ah, al, bh, bl))).toBe(want);
    }
  });

  it("is FNV-1a 64 then fmix64, bit for bit", () => {
    for (const s of ["", "a", "1234567890.1700000000", "user ü 🙂", "x".repeat(300)]) {
      expect(big(hash64(s))).toBe(referenceHash(s));
    }
    expect(big(fmix64(0, 0))).toBe(0n);
  });
});

describe("HyperLogLog++", () => {
  it("counts small sets exactly (sparse mode), ignoring duplicates and order", () => {
    for (const n of [0, 1, 2, 17, 500, 3000]) {
      const list = ids("small", n);
      const s = sketchOf([...list, ...list.slice().reverse()]);
      expect(s.isSparse).toBe(true);
      expect(s.count()).toBe(n);
    }
    // Sessions use sparse precision 17: 2^17 buckets, so a thousand ids already collide a little.
    expect(Math.abs(sketchOf(ids("s", 1000), SESSION_PRECISION).count() - 1000)).toBeLessThanOrEqual(5);
  });

  it("turns dense past m/2 sparse entries and keeps counting within the standard error", () => {
    const s = sketchOf(ids("grow", 9000));
    expect(s.isSparse).toBe(false);
    expect(Math.abs(s.count() / 9000 - 1)).toBeLessThan(3 * (1.04 / 128));
  });

  it("the dense registers converted from sparse equal registers filled directly", () => {
    // Fill two sketches with the same hashes: one goes through sparse, one is forced dense early.
    const list = ids("conv", 20000);
    const viaSparse = sketchOf(list);
    const direct = new HyperLogLogPlusPlus(USER_PRECISION);
    const forceDense = direct as unknown as { toDense(): void };
    forceDense.toDense();
    for (const id of list) {
      const h = hash64(id);
      direct.add(h.hi, h.lo);
    }
    expect(viaSparse.estimate()).toBe(direct.estimate());
  });

  it.each([
    [USER_PRECISION, 20_000],
    [USER_PRECISION, 200_000],
    [SESSION_PRECISION, 5_000],
    [SESSION_PRECISION, 50_000],
  ])("errors at %o, n = %i are unbiased and about 1.04/√m", (precision, n) => {
    const se = 1.04 / Math.sqrt(2 ** precision.p);
    const errors = Array.from(
      { length: 8 },
      (_, run) => sketchOf(ids(`r${run}`, n), precision).estimate() / n - 1,
    );
    for (const e of errors) expect(Math.abs(e)).toBeLessThan(4 * se);
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    const rms = Math.sqrt(errors.reduce((a, b) => a + b * b, 0) / errors.length);
    expect(Math.abs(mean)).toBeLessThan((3 * se) / Math.sqrt(errors.length));
    expect(rms).toBeLessThan(2 * se);
  });
});
