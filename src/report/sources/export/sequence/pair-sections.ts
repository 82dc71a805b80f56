// The pair, edge and time sections (analysis-query.ts pairSql) from each user's goal times: a user
// converted after the micro goal when some macro event has a micro event in [t − W, t); time to
// convert runs from the earliest such micro event to the first such macro event.
import { type ExportQuery, edgeEndMicros } from "../analysis-query.js";
import type { ResultRow } from "../read-result.js";
import { resultRow } from "./result-row.js";
import type { UserGoals } from "./user-goals.js";

const MICROS = 1_000_000;

interface PairTally {
  microId: string;
  macroId: string;
  micro: number;
  macro: number;
  windowMicros: number;
  /** end of the range's first window of days (µs): the range-edge section */
  edgeEnd: number;
  converted: number;
  both: number;
  bothAtEdge: number;
  macroAtEdge: number;
  /** seconds from the earliest micro event to the first converting macro event, per converter */
  seconds: Float64Array;
}

export class PairSections {
  private readonly pairs: PairTally[];
  // the pairs of each macro goal, by goal code
  private readonly byMacro: PairTally[][] = [];

  constructor(q: ExportQuery, code: (goalId: string) => number) {
    this.pairs = q.pairs
      .filter((p) => p.microId !== p.macroId)
      .map((p) => ({
        microId: p.microId,
        macroId: p.macroId,
        micro: code(p.microId),
        macro: code(p.macroId),
        windowMicros: p.windowSeconds * MICROS,
        edgeEnd: edgeEndMicros(q.startDate, p.windowSeconds),
        converted: 0,
        both: 0,
        bothAtEdge: 0,
        macroAtEdge: 0,
        seconds: new Float64Array(64),
      }));
    for (const p of this.pairs) {
      if (p.macro < 0) continue;
      this.byMacro[p.macro] = [...(this.byMacro[p.macro] ?? []), p];
    }
  }

  visit(user: UserGoals): void {
    const times = user.timeList;
    // Indexed loops: this runs once per user, mostly before V8 optimizes it, and an iterator costs
    // an object each time there.
    const present = user.present;
    for (let g = 0; g < user.presentCount; g++) {
      const macro = present[g]!;
      const pairs = this.byMacro[macro];
      if (!pairs) continue;
      const macroFrom = user.fromOf(macro);
      const macroEnd = macroFrom + user.countOf(macro);
      const first = times[macroFrom]!;
      for (let k = 0; k < pairs.length; k++) {
        const p = pairs[k]!;
        const atEdge = first < p.edgeEnd;
        if (atEdge) p.macroAtEdge++;
        if (!user.has(p.micro)) continue;
        p.both++;
        if (atEdge) p.bothAtEdge++;
        // Macro times ascend, so the earliest micro event at or after t − W only moves forward.
        let m = user.fromOf(p.micro);
        const microEnd = m + user.countOf(p.micro);
        for (let i = macroFrom; i < macroEnd; i++) {
          const t = times[i]!;
          while (m < microEnd && times[m]! < t - p.windowMicros) m++;
          if (m < microEnd && times[m]! < t) {
            if (p.converted === p.seconds.length) {
              const grown = new Float64Array(2 * p.seconds.length);
              grown.set(p.seconds);
              p.seconds = grown;
            }
            p.seconds[p.converted++] = (t - times[m]!) / MICROS;
            break;
          }
        }
      }
    }
  }

  rows(goalUsers: (goal: number) => number): ResultRow[] {
    const rows: ResultRow[] = [];
    const times = new Map<string, { n: number; p50: number; p90: number }>();
    for (const p of this.pairs) {
      const names = { a: p.microId, b: p.macroId };
      const macroUsers = goalUsers(p.macro);
      rows.push(
        resultRow("pair", {
          ...names,
          n1: goalUsers(p.micro),
          n2: p.converted,
          n3: macroUsers,
          n4: macroUsers - p.both,
        }),
      );
      if (p.macroAtEdge - p.bothAtEdge > 0)
        rows.push(resultRow("edge", { ...names, n1: p.macroAtEdge - p.bothAtEdge }));
      if (p.converted === 0) continue;
      const seconds = p.seconds.subarray(0, p.converted);
      const key = `${p.microId}\u0000${p.macroId}`;
      const seen = times.get(key);
      const p50 = quantileCont(seconds, 0.5);
      const p90 = quantileCont(seconds, 0.9);
      times.set(key, {
        n: (seen?.n ?? 0) + seconds.length,
        p50: Math.max(seen?.p50 ?? p50, p50),
        p90: Math.max(seen?.p90 ?? p90, p90),
      });
    }
    for (const [key, v] of times) {
      const [a, b] = key.split("\u0000") as [string, string];
      rows.push(resultRow("time", { a, b, n1: v.n, x1: v.p50, x2: v.p90 }));
    }
    return rows;
  }
}

/**
 * SQL's continuous percentile (quantile_cont / PERCENTILE_CONT): linear between the two ranks
 * around (n − 1) × q, found by selection (reorders `values`; no full sort).
 */
export function quantileCont(values: Float64Array, q: number): number {
  const pos = (values.length - 1) * q;
  const lo = Math.floor(pos);
  const a = select(values, lo);
  if (lo === pos) return a;
  // after selecting lo, everything above it lies to its right: the next rank is their least
  let b = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < values.length; i++) if (values[i]! < b) b = values[i]!;
  return a + (b - a) * (pos - lo);
}

/** The k-th least value (0-based), `values` partitioned around it (Hoare's quickselect). */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const x = values[i]!;
        values[i] = values[j]!;
        values[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}
