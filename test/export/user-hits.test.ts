// The engine's per-user hit lists as UserHits: every user's hits together, in (time, goal) order,
// each user named by its key; a value the packing cannot hold refuses the one pass.
import { describe, expect, it } from "vitest";
import {
  hitCount,
  hitsFromLists,
  type UserHitLists,
} from "../../src/report/sources/export/sequence/user-hits.js";
import { mulberry32 } from "../../src/seeded-random.js";

const packing = { origin: 5, goals: 3 };

/**
 * Users with random hits in lists of any order, spread over chunks as the engine might; `scattered`:
 * the lists not back to back (gaps, rows in another order than their lists).
 */
function hitLists(seed: number, userCount: number, chunkUsers: number, scattered = false) {
  const rnd = mulberry32(seed);
  const truth = new Map<string, number[]>();
  const chunks: UserHitLists[] = [];
  for (let first = 0; first < userCount; first += chunkUsers) {
    const rows = Math.min(chunkUsers, userCount - first);
    const keys = new Uint32Array(2 * rows);
    const entries = new Uint32Array(4 * rows);
    const values: number[] = [];
    // a few values of padding first: offsets are read, not assumed to start at 0
    const pad = Math.floor(rnd() * 3);
    for (let i = 0; i < pad; i++) values.push(-7);
    const order = Array.from({ length: rows }, (_, r) => r);
    if (scattered) order.reverse();
    for (const r of order) {
      if (scattered) values.push(-7);
      const [hi, lo] = [Math.floor(rnd() * 2 ** 32), Math.floor(rnd() * 2 ** 32)];
      keys[2 * r] = lo;
      keys[2 * r + 1] = hi;
      // mostly a handful of hits, sometimes more than insertion sort takes
      const n = 1 + Math.floor(rnd() * (rnd() < 0.05 ? 80 : 6));
      entries[4 * r] = values.length;
      entries[4 * r + 2] = n;
      const mine: number[] = [];
      for (let i = 0; i < n; i++) {
        const packed = Math.floor(rnd() * 1000) * 3 * 2 ** 22 + Math.floor(rnd() * 3); // past 2^32
        values.push(packed);
        mine.push(packed);
      }
      truth.set(`${lo}:${hi}`, mine);
    }
    chunks.push({ keys, entries, values: Float64Array.from(values) });
  }
  return { chunks, truth };
}

describe("hitsFromLists", () => {
  for (const [users, perChunk, scattered] of [
    [300, 2048, false],
    [5000, 700, false],
    [1000, 300, true],
  ] as const)
    it(`orders each user's hits by time, then goal, under its own key (${users} users, ${perChunk} a chunk${scattered ? ", lists scattered" : ""})`, () => {
      const { chunks, truth } = hitLists(users, users, perChunk, scattered);
      const grouped = hitsFromLists(chunks, packing)!;
      expect(grouped.start.length - 1).toBe(users);
      expect(hitCount(chunks)).toBe([...truth.values()].reduce((a, xs) => a + xs.length, 0));
      for (let u = 0; u < users; u++) {
        const mine: number[] = [];
        // decoded as t = ⌊v / goals⌋ + origin, g = v mod goals: packed back, the engine's value
        for (let i = grouped.start[u]!; i < grouped.start[u + 1]!; i++)
          mine.push((grouped.t[i]! - 5) * 3 + grouped.g[i]!);
        const expected = truth.get(`${grouped.keys[2 * u]}:${grouped.keys[2 * u + 1]}`)!;
        expect(mine).toEqual([...expected].sort((a, b) => a - b));
      }
    });

  it("refuses a value the packing cannot hold (the query's −1)", () => {
    const { chunks } = hitLists(7, 50, 20);
    expect(hitsFromLists(chunks, packing)).toBeDefined();
    const last = chunks.at(-1)!;
    last.values[last.entries[4]!] = -1;
    expect(hitsFromLists(chunks, packing)).toBeUndefined();
  });
});
