// Folds the breakdown query's rows (breakdown-query.ts) into per-segment counts in the shape every
// source answers (breakdown/model.ts): the 2×2 table of each pair per segment, as read-result.ts
// builds it for the whole report.
import type { BreakdownRequest } from "../../breakdown/dimensions.js";
import type { BreakdownInput, SegmentCount } from "../../breakdown/model.js";
import { dayNumber, type MemberTimeline } from "../../breakdown/predict.js";
import type { ExportQuery } from "./analysis-query.js";
import { breakdownDefinition, breakdownResultColumns } from "./breakdown-query.js";

export interface BreakdownRow {
  section: string;
  s1: string | null;
  s2: string | null;
  a: string | null;
  b: string | null;
  n: number;
}

/** Engine values (bigint, BigQuery's {value}) → plain rows. */
export function toBreakdownRows(raw: Record<string, unknown>[]): BreakdownRow[] {
  return raw.map((r) => {
    const row: Record<string, unknown> = {};
    for (const c of breakdownResultColumns) {
      const v = r[c];
      const plain = v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
      row[c] = c === "n" ? Number(plain ?? 0) : plain === null || plain === undefined ? null : String(plain);
    }
    return row as unknown as BreakdownRow;
  });
}

export function readBreakdown(rows: BreakdownRow[], q: ExportQuery, req: BreakdownRequest): BreakdownInput {
  const keyOf = (r: BreakdownRow) => `${r.s1 ?? ""}\u0000${r.s2 ?? ""}`;
  const count = new Map<string, number>();
  for (const r of rows) {
    if (r.section !== "users") count.set(`${r.section}\u0000${keyOf(r)}\u0000${r.a}\u0000${r.b ?? ""}`, r.n);
  }
  const n = (section: string, seg: string, a: string, b = "") =>
    count.get(`${section}\u0000${seg}\u0000${a}\u0000${b}`) ?? 0;
  const segments: SegmentCount[] = rows
    .filter((r) => r.section === "users")
    .map((r) => {
      const seg = keyOf(r);
      const users = r.n;
      return {
        values: req.dimensions.length > 1 ? [r.s1 ?? "", r.s2 ?? ""] : [r.s1 ?? ""],
        totalUsers: users,
        goals: q.goals.map((g) => ({ goalId: g.goalId, users: n("goal", seg, g.goalId) })),
        pairs: q.pairs.map((p) => {
          const microUsers = n("goal", seg, p.microId);
          return {
            microId: p.microId,
            macroId: p.macroId,
            windowSeconds: p.windowSeconds,
            microUsers,
            convertedAfterMicro: n("converted", seg, p.microId, p.macroId),
            nonMicroUsers: users - microUsers,
            convertedWithoutMicro: n("goal", seg, p.macroId) - n("both", seg, p.microId, p.macroId),
          };
        }),
      };
    });
  return { dimensions: req.dimensions, scope: req.scope, segments, definition: breakdownDefinition(req) };
}

/** The timelines statement's rows → one timeline per segment member (predict.ts). */
export function readTimelines(rows: BreakdownRow[], req: BreakdownRequest): MemberTimeline[] {
  const members = new Map<string, MemberTimeline>();
  const keyOf = (r: BreakdownRow) => `${r.s1 ?? ""}\u0000${r.s2 ?? ""}\u0000${r.a ?? ""}`;
  for (const r of rows.filter((x) => x.section === "seen")) {
    members.set(keyOf(r), {
      values: req.dimensions.length > 1 ? [r.s1 ?? "", r.s2 ?? ""] : [r.s1 ?? ""],
      firstDay: dayNumber(r.n),
      goals: new Map(),
    });
  }
  for (const r of rows.filter((x) => x.section === "first")) {
    members.get(keyOf(r))?.goals.set(r.b ?? "", dayNumber(r.n));
  }
  return [...members.values()];
}
