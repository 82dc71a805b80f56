// Coarsening of pre-exposure history into a few levels per covariate: counts into bins that
// separate "none", "a little" and "a lot" on a log-like scale, categories into the most common
// values plus "(other)". Coarse enough that comparable users exist, fine enough that users who came
// to buy and users who came to browse land in different levels.
import type { Category } from "./category.js";
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

/** A categorical column: its `top` most frequent values (ties by name; no value is "(not set)") and "(other)". */
export function topCategories(name: string, column: Category, top: number): Covariate {
  const { codes: rowCodes, values } = column;
  const perCode = new Float64Array(values.length);
  for (let i = 0; i < rowCodes.length; i++) perCode[rowCodes[i] as number]++;
  // Values that read the same (no value and "(not set)") are one level.
  const freq = new Map<string, number>();
  values.forEach((v, code) => {
    const n = perCode[code] as number;
    if (n > 0) freq.set(v ?? "(not set)", (freq.get(v ?? "(not set)") ?? 0) + n);
  });
  const kept = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([v]) => v);
  const levels = freq.size > kept.length ? [...kept, "(other)"] : kept;
  const index = new Map(kept.map((v, i) => [v, i]));
  const levelOf = Int32Array.from(values, (v) => index.get(v ?? "(not set)") ?? kept.length);
  const codes = new Int32Array(rowCodes.length);
  for (let i = 0; i < rowCodes.length; i++) codes[i] = levelOf[rowCodes[i] as number] as number;
  return { name, codes, levels: levels.length > 0 ? levels : ["(not set)"] };
}
