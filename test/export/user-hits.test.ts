// Grouping packed hits by user: every user's hits together, in (time, goal) order, whether or not
// the reader counted the partitions.
import { describe, expect, it } from "vitest";
import { groupByUser, PARTITIONS, partitionOf } from "../../src/report/sources/export/sequence/user-hits.js";
import { mulberry32 } from "../../src/seeded-random.js";

function packedHits(seed: number, userCount = 300, chunkRows = 700) {
  const rnd = mulberry32(seed);
  const users = Array.from({ length: userCount }, () => [
    Math.floor(rnd() * 2 ** 32),
    Math.floor(rnd() * 2 ** 32),
  ]);
  const truth = new Map<string, string[]>();
  const keys: Uint32Array[] = [];
  const values: Uint32Array[] = [];
  const partitions = new Int32Array(PARTITIONS);
  for (let c = 0; c < 5; c++) {
    const n = 1 + Math.floor(rnd() * chunkRows);
    const k = new Uint32Array(2 * n);
    const v = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const [hi, lo] = users[Math.floor(rnd() * users.length)]!;
      const t = Math.floor(rnd() * 1000);
      const g = Math.floor(rnd() * 3);
      const packed = (t * 3 + g) * 2 ** 22 + 7; // past 2^32: the high word matters
      k[2 * i] = lo!;
      k[2 * i + 1] = hi!;
      v[2 * i] = packed % 2 ** 32;
      v[2 * i + 1] = Math.floor(packed / 2 ** 32);
      partitions[partitionOf(hi!)]!++;
      const key = `${hi}:${lo}`;
      truth.set(key, [...(truth.get(key) ?? []), `${packed}`]);
    }
    keys.push(k);
    values.push(v);
  }
  return { hits: { keys, values, origin: 5, goals: 3 }, partitions, truth };
}

describe("groupByUser", () => {
  for (const counted of [false, true])
    it(`groups and orders every user's hits (${counted ? "partitions counted by the reader" : "counted here"})`, () => {
      const { hits, partitions, truth } = packedHits(counted ? 2 : 1);
      const grouped = groupByUser(counted ? { ...hits, partitions } : hits);
      const seen: string[][] = [];
      for (let u = 0; u + 1 < grouped.start.length; u++) {
        const mine: string[] = [];
        for (let i = grouped.start[u]!; i < grouped.start[u + 1]!; i++) {
          // decoded as t = ⌊v / goals⌋ + origin, g = v mod goals: packed back, the engine's value
          mine.push(`${(grouped.t[i]! - 5) * 3 + grouped.g[i]!}`);
        }
        seen.push(mine);
      }
      const expected = [...truth.values()].map((xs) =>
        xs
          .map(Number)
          .sort((a, b) => a - b)
          .map(String),
      );
      const key = (xs: string[]) => xs.join(",");
      expect(seen.map(key).sort()).toEqual(expected.map(key).sort());
    });

  it("names each user by its key, past the first 65,536 users", () => {
    const { hits, truth } = packedHits(3, 90_000, 80_000);
    const grouped = groupByUser(hits);
    const users = grouped.start.length - 1;
    expect(users).toBeGreaterThan(65_536);
    expect(grouped.keys.length).toBe(2 * users);
    for (let u = 0; u < users; u++) {
      const mine: string[] = [];
      for (let i = grouped.start[u]!; i < grouped.start[u + 1]!; i++)
        mine.push(`${(grouped.t[i]! - 5) * 3 + grouped.g[i]!}`);
      const expected = truth.get(`${grouped.keys[2 * u]}:${grouped.keys[2 * u + 1]}`)!;
      expect(mine).toEqual(
        expected
          .map(Number)
          .sort((a, b) => a - b)
          .map(String),
      );
    }
  });
});
