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
 * The same estimate over rows already in time order (trial-arms.ts): row i has weight[i]; only the
 * first `count` rows count; `at` ascending; `atRisk`, when given, is the weights' sum in row order.
 * Sums run in the same order as over `timeOrder`'s index, so the result equals cumulativeIncidence
 * over the same rows and weights bit for bit.
 */
export function incidenceInTimeOrder(
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  count: number,
  at: readonly number[],
  atRisk?: number,
): (number | null)[] {
  let risk = atRisk ?? 0;
  if (atRisk === undefined) for (let i = 0; i < count; i++) risk += weight[i] as number;
  if (risk <= 0) return at.map(() => null);
  const out: (number | null)[] = [];
  let surv = 1;
  let q = 0;
  let i = 0;
  while (i < count) {
    const t = time[i] as number;
    while (q < at.length && (at[q] as number) < t) out[q++] = 1 - surv;
    let d = 0;
    let left = 0;
    while (i < count && time[i] === t) {
      const w = weight[i] as number;
      if (event[i]) d += w;
      left += w;
      i++;
    }
    if (risk > 0 && d > 0) surv *= 1 - d / risk;
    risk -= left;
  }
  while (q < at.length) out[q++] = 1 - surv;
  return out;
}
