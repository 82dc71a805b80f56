// The x axis of the lift chart: log of the rate ratio, with round lift values as ticks so a reader
// sees where 0% (no lift), +100% (twice as likely) and −50% (half as likely) fall.
import { signedPct } from "../figures.js";

export interface LiftAxis {
  /** ratio (1 + lift) → x coordinate, clamped to the plot */
  x: (ratio: number) => number;
  ticks: { ratio: number; label: string }[];
}

const CANDIDATES = [-0.9, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200];

/** `ratios`: every interval end; the axis always spans at least −50%…+100%. */
export function liftAxis(ratios: number[], left: number, right: number, minGap: number): LiftAxis {
  const finite = ratios.filter((r) => r > 0 && Number.isFinite(r));
  const lo = Math.log(Math.min(0.5, ...finite));
  const hi = Math.log(Math.max(2, ...finite));
  const x = (ratio: number) => {
    const v = Math.min(hi, Math.max(lo, Math.log(ratio > 0 ? ratio : Math.exp(lo))));
    return left + ((v - lo) / (hi - lo)) * (right - left);
  };
  const inRange = CANDIDATES.map((l) => 1 + l).filter(
    (r) => Math.log(r) >= lo - 1e-9 && Math.log(r) <= hi + 1e-9,
  );
  // Keep 0% always, then the others outward from it while they stay minGap apart.
  const kept = [1];
  for (const dir of [1, -1]) {
    let last = x(1);
    for (const r of dir > 0 ? inRange.filter((v) => v > 1) : inRange.filter((v) => v < 1).reverse()) {
      if (Math.abs(x(r) - last) >= minGap) {
        kept.push(r);
        last = x(r);
      }
    }
  }
  kept.sort((a, b) => a - b);
  return { x, ticks: kept.map((r) => ({ ratio: r, label: r === 1 ? "0%" : signedPct(r - 1) })) };
}
