// Coarsening of pre-exposure history into a few levels per covariate: counts into bins that
// separate "none", "a little" and "a lot" on a log-like scale, categories into the most common
// values plus "(other)". Coarse enough that comparable users exist, fine enough that users who came
// to buy and users who came to browse land in different levels.
import type { Covariate } from "./journeys.js";

/** Lower bounds of each bin (the first is always 0): [0, 1, 3] = "0", "1–2", "3+". */
export const historyBins = {
  sessionsSoFar: [0, 1, 2, 3, 5],
  pageViewsSoFar: [0, 1, 3, 6, 11],
  eventsSoFar: [0, 1, 5, 15, 40],
  engagedSecondsSoFar: [0, 1, 31, 121, 601],
  daysSinceFirstVisit: [0, 1, 4, 14],
} as const;

export function binLabels(bins: readonly number[]): string[] {
  return bins.map((lo, i) => {
    const next = bins[i + 1];
    if (next === undefined) return `${lo}+`;
    return next - 1 === lo ? String(lo) : `${lo}–${next - 1}`;
  });
}

/** A numeric history column into its bins (negative or missing values count as 0). */
export function binned(name: string, values: ArrayLike<number>, bins: readonly number[]): Covariate {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let b = 0;
    while (b + 1 < bins.length && v >= (bins[b + 1] as number)) b++;
    codes[i] = b;
  }
  return { name, codes, levels: binLabels(bins) };
}

/** A categorical column: its `top` most frequent values (ties by name) and "(other)". */
export function topCategories(name: string, values: ArrayLike<string | null>, top: number): Covariate {
  const freq = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? "(not set)";
    freq.set(v, (freq.get(v) ?? 0) + 1);
  }
  const kept = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([v]) => v);
  const levels = freq.size > kept.length ? [...kept, "(other)"] : kept;
  const index = new Map(kept.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i] ?? "(not set)") ?? kept.length;
  return { name, codes, levels: levels.length > 0 ? levels : ["(not set)"] };
}
