// How the Data API counts distinct users and sessions: GA4 answers totalUsers, activeUsers and
// sessions from HyperLogLog++ sketches (hyperloglog.ts, at GA4's documented precisions), so the
// emulator does too by default; `exact` counts every id, for tests that compare with brute force.

import type { Dictionary } from "./dictionary.js";
import type { EventStore } from "./event-store.js";
import { hash64 } from "./hash64.js";
import { type HllPrecision, HyperLogLogPlusPlus, SESSION_PRECISION, USER_PRECISION } from "./hyperloglog.js";

export interface DistinctCounter {
  /** distinct users among these user dictionary ids (each id given once) */
  users(ids: Iterable<number>): number;
  /** distinct sessions among these session dictionary ids (each id given once) */
  sessions(ids: Iterable<number>): number;
}

const sizeOf = (ids: Iterable<number>) => {
  if (ids instanceof Set || Array.isArray(ids)) return ids instanceof Set ? ids.size : ids.length;
  let n = 0;
  for (const _ of ids) n++;
  return n;
};

export const exactCounter: DistinctCounter = { users: sizeOf, sessions: sizeOf };

/** Hashes of a dictionary's values by id, computed once per value (ids are stable until clear). */
class HashColumn {
  private readonly his: number[] = [];
  private readonly los: number[] = [];
  private readonly values: string[] = [];

  constructor(private readonly dict: Dictionary) {}

  add(sketch: HyperLogLogPlusPlus, id: number): void {
    const v = this.dict.value(id);
    // The dictionary may have been cleared and refilled: a changed value means a stale hash.
    if (this.values[id] !== v) {
      const h = hash64(v);
      this.his[id] = h.hi;
      this.los[id] = h.lo;
      this.values[id] = v;
    }
    sketch.add(this.his[id] as number, this.los[id] as number);
  }
}

const columns = new WeakMap<EventStore, { users: HashColumn; sessions: HashColumn }>();

/** GA4's counting: user ids (user_pseudo_id) and session keys hashed into HLL++ sketches. */
export function sketchCounter(store: EventStore): DistinctCounter {
  let cols = columns.get(store);
  if (!cols) {
    cols = { users: new HashColumn(store.users), sessions: new HashColumn(store.sessions) };
    columns.set(store, cols);
  }
  const count = (col: HashColumn, precision: HllPrecision, ids: Iterable<number>) => {
    const sketch = new HyperLogLogPlusPlus(precision);
    for (const id of ids) col.add(sketch, id);
    return sketch.count();
  };
  const { users, sessions } = cols;
  return {
    users: (ids) => count(users, USER_PRECISION, ids),
    sessions: (ids) => count(sessions, SESSION_PRECISION, ids),
  };
}
