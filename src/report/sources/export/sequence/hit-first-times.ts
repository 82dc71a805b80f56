// First time per goal and user for the adjusted effects, from the goal hits the files report has
// already grouped by user (user-hits.ts) instead of a second query over the export (exposure-query.ts
// exposureFirstsSql): each user's hits are in time order, so a goal's first hit is its first time.
// The sessions query names each user's key (its `kh`, `kl` columns), which maps hits to users.

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
  const index = new UserIndex(userKeys);
  const { start, t, g, keys } = hits;
  for (let h = 0; h + 1 < start.length; h++) {
    const u = index.of(keys[2 * h + 1]!, keys[2 * h]!);
    if (u < 0) continue;
    for (let i = start[h]!; i < start[h + 1]!; i++) {
      const times = byCode[g[i]!];
      if (times && Number.isNaN(times[u]!)) times[u] = t[i]! / 1e6;
    }
  }
  return out;
}
