// Weighted Kaplan–Meier (Xie & Liu 2005, Stat Med 24:3089): cumulative incidence of the macro goal
// with each row counted by its weight, censored at the end of the data. Rows are sorted once by
// time (events before censorings at equal times); each evaluation is then one pass.

/** Row indexes of `rows` sorted by time, events first at ties. */
export function timeOrder(rows: Int32Array, time: Float64Array, event: Uint8Array): Int32Array {
  return Int32Array.from(rows).sort(
    (a, b) => (time[a] as number) - (time[b] as number) || (event[b] as number) - (event[a] as number),
  );
}

/**
 * 1 − S(t) at each of `at` (any order), from rows in `order` with weights `weight` (0 = left out).
 * null where nothing was at risk.
 */
export function cumulativeIncidence(
  order: Int32Array,
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  at: readonly number[],
): (number | null)[] {
  const sorted = at.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
  const values = incidenceAtSorted(
    order,
    time,
    event,
    weight,
    sorted.map((s) => s.t),
  );
  const out: (number | null)[] = new Array(at.length);
  sorted.forEach((s, k) => {
    out[s.i] = values[k] ?? null;
  });
  return out;
}

function incidenceAtSorted(
  order: Int32Array,
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  at: readonly number[],
): (number | null)[] {
  let atRisk = 0;
  for (let i = 0; i < order.length; i++) atRisk += weight[order[i] as number] as number;
  if (atRisk <= 0) return at.map(() => null);
  const out: (number | null)[] = [];
  let surv = 1;
  let q = 0;
  let i = 0;
  while (i < order.length) {
    const t = time[order[i] as number] as number;
    while (q < at.length && (at[q] as number) < t) out[q++] = 1 - surv;
    let d = 0;
    let left = 0;
    while (i < order.length && time[order[i] as number] === t) {
      const r = order[i] as number;
      const w = weight[r] as number;
      if (event[r]) d += w;
      left += w;
      i++;
    }
    if (atRisk > 0 && d > 0) surv *= 1 - d / atRisk;
    atRisk -= left;
  }
  while (q < at.length) out[q++] = 1 - surv;
  return out;
}

/**
 * Rows already in time order (events before censorings at ties), as runs of equal time: run g is
 * rows [end[g − 1], end[g]), its events rows [end[g − 1], eventEnd[g]), at time time[g].
 */
export interface TimeGroups {
  count: number;
  end: Int32Array;
  eventEnd: Int32Array;
  time: Float64Array;
}

export function timeGroups(time: Float64Array, event: Uint8Array, count: number): TimeGroups {
  let groups = 0;
  for (let i = 0; i < count; i++) if (i === 0 || time[i] !== time[i - 1]) groups++;
  const g: TimeGroups = {
    count: groups,
    end: new Int32Array(groups),
    eventEnd: new Int32Array(groups),
    time: new Float64Array(groups),
  };
  let i = 0;
  for (let k = 0; k < groups; k++) {
    const t = time[i] as number;
    g.time[k] = t;
    while (i < count && time[i] === t && event[i]) i++;
    g.eventEnd[k] = i;
    while (i < count && time[i] === t) i++;
    g.end[k] = i;
  }
  return g;
}

/**
 * The same estimate over rows already in time order: row i has weight[i], `atRisk` is the sum of
 * the weights in row order; `at` ascending. Sums run in the same order as over `timeOrder`'s index
 * (a run's events come first, so its events' sum is where its total starts), so the result equals
 * cumulativeIncidence over the same rows and weights bit for bit.
 */
export function incidenceOfGroups(
  groups: TimeGroups,
  weight: Float64Array,
  atRisk: number,
  at: readonly number[],
): (number | null)[] {
  if (atRisk <= 0) return at.map(() => null);
  const out: (number | null)[] = [];
  let surv = 1;
  let q = 0;
  let i = 0;
  for (let g = 0; g < groups.count; g++) {
    const t = groups.time[g] as number;
    while (q < at.length && (at[q] as number) < t) out[q++] = 1 - surv;
    const eventEnd = groups.eventEnd[g] as number;
    const end = groups.end[g] as number;
    let d = 0;
    for (; i < eventEnd; i++) d += weight[i] as number;
    let left = d;
    for (; i < end; i++) left += weight[i] as number;
    if (atRisk > 0 && d > 0) surv *= 1 - d / atRisk;
    atRisk -= left;
  }
  while (q < at.length) out[q++] = 1 - surv;
  return out;
}

/** incidenceOfGroups over rows in time order given by their times and events. */
export function incidenceInTimeOrder(
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  count: number,
  at: readonly number[],
): (number | null)[] {
  let atRisk = 0;
  for (let i = 0; i < count; i++) atRisk += weight[i] as number;
  return incidenceOfGroups(timeGroups(time, event, count), weight, atRisk, at);
}
