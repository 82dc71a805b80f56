// First time per goal and user for the adjusted effects, from the goal hits the files report has
// already grouped by user (user-hits.ts) instead of a second query over the export (exposure-query.ts
// exposureFirstsSql): each user's hits are in time order, so a goal's first hit is its first time.
// The sessions query names each user's key (its `kh`, `kl` columns), which maps hits to users.
import type { ExportQuery } from "../analysis-query.js";
import { goalCode } from "../analysis-query.js";
import type { FirstTimeColumn } from "../read-exposure.js";
import type { UserHits } from "./user-hits.js";

/**
 * `userKeys`: two numbers per user index (the key's high and low 32 bits; NaN: no key). Times in
 * seconds, as the firsts query gives them (µs / 1e6, the same double). NaN: never.
 */
export function firstTimesOfHits(
  hits: UserHits,
  userKeys: Float64Array,
  q: Pick<ExportQuery, "goals">,
  columns: FirstTimeColumn[],
): Map<string, Float64Array> {
  const users = userKeys.length / 2;
  const out = new Map(columns.map((c) => [c.goalId, new Float64Array(users).fill(Number.NaN)]));
  const code = goalCode(q);
  const byCode: (Float64Array | undefined)[] = [];
  for (const [goalId, times] of out) byCode[code(goalId)] = times;
  const index = new UserIndex(userKeys);
  const { start, t, g, keys } = hits;
  for (let h = 0; h + 1 < start.length; h++) {
    const u = index.of(keys[2 * h]!, keys[2 * h + 1]!);
    if (u < 0) continue;
    for (let i = start[h]!; i < start[h + 1]!; i++) {
      const times = byCode[g[i]!];
      if (times && Number.isNaN(times[u]!)) times[u] = t[i]! / 1e6;
    }
  }
  return out;
}

/** User index by 64-bit key (two 32-bit halves): open addressing, linear probing. */
class UserIndex {
  // slot s: [high, low, index + 1] at 3s (0: empty)
  private readonly slots: Uint32Array;
  private readonly mask: number;

  constructor(keys: Float64Array) {
    const users = keys.length / 2;
    let size = 16;
    while (size < 2 * users) size *= 2;
    this.slots = new Uint32Array(3 * size);
    this.mask = size - 1;
    for (let u = 0; u < users; u++) {
      const hi = keys[2 * u]!;
      const lo = keys[2 * u + 1]!;
      if (Number.isNaN(hi) || Number.isNaN(lo)) continue;
      let s = lo & this.mask;
      while (this.slots[3 * s + 2] !== 0) s = (s + 1) & this.mask;
      this.slots[3 * s] = hi;
      this.slots[3 * s + 1] = lo;
      this.slots[3 * s + 2] = u + 1;
    }
  }

  /** The user with this key, or −1. */
  of(hi: number, lo: number): number {
    for (let s = lo & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[3 * s + 2]!;
      if (id === 0) return -1;
      if (this.slots[3 * s + 1] === lo && this.slots[3 * s] === hi) return id - 1;
    }
  }
}
