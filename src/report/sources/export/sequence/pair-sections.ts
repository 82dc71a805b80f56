// The pair, edge and time sections (analysis-query.ts pairSql) from each user's goal times: a user
// converted after the micro goal when some macro event has a micro event in [t − W, t); time to
// convert runs from the earliest such micro event to the first such macro event.
import type { ExportQuery } from "../analysis-query.js";
import type { ResultRow } from "../read-result.js";
import { resultRow } from "./result-row.js";
import type { UserGoals } from "./user-goals.js";

const MICROS = 1_000_000;
const DAY_MS = 86_400_000;

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
  seconds: number[];
}

export class PairSections {
  private readonly pairs: PairTally[];
  private readonly byMacro = new Map<number, PairTally[]>();

  constructor(q: ExportQuery, code: (goalId: string) => number) {
    const start = Date.UTC(
      Number(q.startDate.slice(0, 4)),
      Number(q.startDate.slice(4, 6)) - 1,
      Number(q.startDate.slice(6, 8)),
    );
    this.pairs = q.pairs
      .filter((p) => p.microId !== p.macroId)
      .map((p) => ({
        microId: p.microId,
        macroId: p.macroId,
        micro: code(p.microId),
        macro: code(p.macroId),
        windowMicros: p.windowSeconds * MICROS,
        edgeEnd: (start + Math.max(1, Math.ceil(p.windowSeconds / 86400)) * DAY_MS) * 1000,
        converted: 0,
        both: 0,
        bothAtEdge: 0,
        macroAtEdge: 0,
        seconds: [],
      }));
    for (const p of this.pairs) this.byMacro.set(p.macro, [...(this.byMacro.get(p.macro) ?? []), p]);
  }

  visit(user: UserGoals): void {
    const times = user.timeList;
    for (const macro of user.present) {
      const pairs = this.byMacro.get(macro);
      if (!pairs) continue;
      const macroFrom = user.fromOf(macro);
      const macroEnd = macroFrom + user.countOf(macro);
      const first = times[macroFrom]!;
      for (const p of pairs) {
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
            p.converted++;
            p.seconds.push((t - times[m]!) / MICROS);
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
      if (p.seconds.length === 0) continue;
      const sorted = Float64Array.from(p.seconds).sort();
      const key = `${p.microId}\u0000${p.macroId}`;
      const seen = times.get(key);
      const p50 = quantileCont(sorted, 0.5);
      const p90 = quantileCont(sorted, 0.9);
      times.set(key, {
        n: (seen?.n ?? 0) + sorted.length,
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

/** SQL's continuous percentile (quantile_cont / PERCENTILE_CONT): linear between the ranks. */
export function quantileCont(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  return lo === hi ? a : a + (sorted[hi]! - a) * (pos - lo);
}
