// Events of one property grouped by user and ordered by time (ties: arrival order). Funnels
// need each user's ordered history; a counting sort by user id gets it in O(n), and it is
// cached until the store changes.

import type { EventColumns, EventStore } from "./event-store.js";

export interface UserTimeline {
  /** event indexes, grouped by user, each group ordered by timestamp */
  order: Uint32Array;
  /** group g spans order[starts[g] .. starts[g+1]) */
  starts: Uint32Array;
}

const cache = new WeakMap<EventStore, { version: number; property: number; timeline: UserTimeline }>();

export function userTimeline(store: EventStore, property: number, cols: EventColumns): UserTimeline {
  const hit = cache.get(store);
  if (hit && hit.version === store.version && hit.property === property) return hit.timeline;
  const users = store.users.size;
  const counts = new Uint32Array(users + 1);
  let total = 0;
  for (let i = 0; i < cols.count; i++) {
    if (cols.property[i] !== property) continue;
    counts[(cols.user[i] as number) + 1]++;
    total++;
  }
  for (let u = 0; u < users; u++) counts[u + 1] = (counts[u + 1] as number) + (counts[u] as number);
  const offsets = counts.slice(0, users);
  const order = new Uint32Array(total);
  for (let i = 0; i < cols.count; i++) {
    if (cols.property[i] !== property) continue;
    const u = cols.user[i] as number;
    order[offsets[u] as number] = i;
    offsets[u] = (offsets[u] as number) + 1;
  }
  const starts: number[] = [];
  for (let u = 0; u < users; u++) {
    const a = counts[u] as number;
    const b = counts[u + 1] as number;
    if (a === b) continue;
    starts.push(a);
    sortByTime(order, a, b, cols.time);
  }
  starts.push(total);
  const timeline = { order, starts: Uint32Array.from(starts) };
  cache.set(store, { version: store.version, property, timeline });
  return timeline;
}

/** Stable sort of order[a..b) by time; generated traffic is already sorted, so check first. */
function sortByTime(order: Uint32Array, a: number, b: number, time: Float64Array): void {
  let sorted = true;
  for (let k = a + 1; k < b && sorted; k++)
    sorted = (time[order[k - 1] as number] as number) <= (time[order[k] as number] as number);
  if (sorted) return;
  const part = Array.from(order.subarray(a, b));
  part.sort((x, y) => (time[x] as number) - (time[y] as number) || x - y);
  order.set(part, a);
}
