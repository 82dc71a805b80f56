// First time per goal and user for the adjusted effects, from the goal hits the files report has
// already grouped by user (user-hits.ts) instead of a second query over the export (exposure-query.ts
// exposureFirstsSql): each user's hits are in time order, so a goal's first hit is its first time.
// The sessions query names each user's key (its `kh`, `kl` columns), which maps hits to users: by a
// walk of both in key order where both come so (the files report asks for it: 10M events, 632k
// users), else through a hash index of the keys.

import { sharedFloat64 } from "../../../effects/shared-memory.js";
import type { ExportQuery } from "../analysis-query.js";
import { goalCode } from "../analysis-query.js";
import type { FirstTimeColumn } from "../read-exposure.js";
import { UserIndex } from "../user-keys.js";
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
  const out = new Map(columns.map((c) => [c.goalId, sharedFloat64(users).fill(Number.NaN)]));
  const code = goalCode(q);
  const byCode: (Float64Array | undefined)[] = [];
  for (const [goalId, times] of out) byCode[code(goalId)] = times;
  const { start, t, g } = hits;
  const userOf = usersInKeyOrder(hits.keys, userKeys) ?? usersByIndex(hits.keys, userKeys);
  for (let h = 0; h + 1 < start.length; h++) {
    const u = userOf[h]!;
    if (u < 0) continue;
    for (let i = start[h]!; i < start[h + 1]!; i++) {
      const times = byCode[g[i]!];
      if (times && Number.isNaN(times[u]!)) times[u] = t[i]! / 1e6;
    }
  }
  return out;
}

/** Each hit user's index among `userKeys` (−1: none), through a hash index of the keys. */
function usersByIndex(hitKeys: Uint32Array, userKeys: Float64Array): Int32Array {
  const index = new UserIndex(userKeys);
  const out = new Int32Array(hitKeys.length / 2);
  for (let h = 0; h < out.length; h++) out[h] = index.of(hitKeys[2 * h + 1]!, hitKeys[2 * h]!);
  return out;
}

/**
 * The same by one walk of both lists, or undefined unless both are in strictly ascending key order
 * (high word, then low), every user with a key.
 */
function usersInKeyOrder(hitKeys: Uint32Array, userKeys: Float64Array): Int32Array | undefined {
  const hitUsers = hitKeys.length / 2;
  const users = userKeys.length / 2;
  for (let h = 1; h < hitUsers; h++) {
    const hi = hitKeys[2 * h + 1]!;
    const before = hitKeys[2 * h - 1]!;
    if (hi < before || (hi === before && hitKeys[2 * h]! <= hitKeys[2 * h - 2]!)) return undefined;
  }
  for (let u = 0; u < users; u++) {
    const hi = userKeys[2 * u]!;
    const lo = userKeys[2 * u + 1]!;
    // NaN (a user without a key) fails every comparison: never "in order"
    if (!(hi >= 0 && lo >= 0)) return undefined;
    if (u > 0) {
      const before = userKeys[2 * u - 2]!;
      if (hi < before || (hi === before && lo <= userKeys[2 * u - 1]!)) return undefined;
    }
  }
  const out = new Int32Array(hitUsers).fill(-1);
  let u = 0;
  for (let h = 0; h < hitUsers; h++) {
    const hi = hitKeys[2 * h + 1]!;
    const lo = hitKeys[2 * h]!;
    while (u < users && (userKeys[2 * u]! < hi || (userKeys[2 * u] === hi && userKeys[2 * u + 1]! < lo))) u++;
    if (u < users && userKeys[2 * u] === hi && userKeys[2 * u + 1] === lo) out[h] = u;
  }
  return out;
}
