// The path section (analysis-query.ts pathSql): for every conversion (a distinct macro goal event),
// the micro goal events in [t − window, t), immediate repeats collapsed, the last N kept; the most
// common paths per macro goal with their conversions and users.
import type { ExportQuery } from "../analysis-query.js";
import { compareText } from "../byte-order.js";
import type { ResultRow } from "../read-result.js";
import { resultRow } from "./result-row.js";
import type { UserHits } from "./user-hits.js";

const MICROS = 1_000_000;

interface PathTally {
  conversions: number;
  users: number;
  lastUser: number;
  steps: number[];
}

export class PathSections {
  private readonly isMacro: Uint8Array;
  private readonly isMicro: Uint8Array;
  private readonly macros: number[];
  private readonly windowMicros: number;
  private readonly length: number;
  private readonly byMacro = new Map<
    number,
    { conversions: number; paths: Map<number | string, PathTally> }
  >();
  // A path's key: its goal codes as digits of one number when they fit a double, else text.
  private readonly base: number;
  private readonly numericKeys: boolean;
  private readonly steps: number[] = [];

  constructor(
    private readonly q: ExportQuery,
    code: (goalId: string) => number,
    goals: number,
  ) {
    this.isMacro = new Uint8Array(goals);
    this.isMicro = new Uint8Array(goals);
    const micros = q.goals.filter((g) => g.kind === "micro").map((g) => code(g.goalId));
    this.macros = [...new Set(q.goals.filter((g) => g.kind === "macro").map((g) => code(g.goalId)))];
    for (const c of micros) if (c >= 0) this.isMicro[c] = 1;
    for (const c of this.macros) if (c >= 0) this.isMacro[c] = 1;
    this.windowMicros = q.pathWindowSeconds * MICROS;
    this.length = Math.max(1, q.pathLength);
    this.base = goals + 1;
    this.numericKeys = this.base ** this.length < 2 ** 53;
  }

  private keyOf(steps: number[]): number | string {
    if (!this.numericKeys) return steps.join(",");
    let key = 0;
    for (const c of steps) key = key * this.base + c + 1;
    return key;
  }

  private get active(): boolean {
    return this.macros.length > 0 && this.q.topPaths > 0;
  }

  visit(hits: UserHits, u: number): void {
    if (!this.active) return;
    const { start, t, g } = hits;
    const s = start[u]!;
    const e = start[u + 1]!;
    for (let i = s; i < e; i++) {
      const macro = g[i]!;
      if (!this.isMacro[macro]) continue;
      const ct = t[i]!;
      if (i > s && t[i - 1] === ct && g[i - 1] === macro) continue; // the same conversion again
      // Walk back from the conversion: events strictly before it, inside the window, micro goals
      // only, a repeat of the step just taken skipped; the nearest step first.
      const steps = this.steps;
      steps.length = 0;
      let j = i - 1;
      while (j >= s && t[j]! >= ct) j--;
      for (; j >= s && t[j]! >= ct - this.windowMicros && steps.length < this.length; j--) {
        const c = g[j]!;
        if (this.isMicro[c] && steps[steps.length - 1] !== c) steps.push(c);
      }
      let m = this.byMacro.get(macro);
      if (!m) {
        m = { conversions: 0, paths: new Map() };
        this.byMacro.set(macro, m);
      }
      m.conversions++;
      const key = this.keyOf(steps);
      let p = m.paths.get(key);
      if (!p) {
        p = { conversions: 0, users: 0, lastUser: -1, steps: [...steps].reverse() };
        m.paths.set(key, p);
      }
      p.conversions++;
      if (p.lastUser !== u) {
        p.lastUser = u;
        p.users++;
      }
    }
  }

  rows(name: (goal: number) => string): ResultRow[] {
    if (!this.active) return [];
    const rows: ResultRow[] = [];
    for (const [macro, m] of this.byMacro) {
      const ranked = [...m.paths.values()]
        .map((p) => ({ ...p, path: p.steps.length ? p.steps.map(name).join(" > ") : "(none)" }))
        .sort((x, y) => y.conversions - x.conversions || compareText(x.path, y.path))
        .slice(0, this.q.topPaths);
      for (const p of ranked)
        rows.push(
          resultRow("path", { a: name(macro), b: p.path, n1: p.conversions, n2: p.users, n3: m.conversions }),
        );
    }
    return rows;
  }
}
