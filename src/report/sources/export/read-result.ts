// Folds the analysis query's long result (one row per section item) into the report's
// source-agnostic input, plus what only user-level data can tell (time to convert, goal paths).
import type { ExportExtras } from "../../export-extras.js";

import type { ReportInput } from "../../model.js";
import { emptyCaveats } from "../../model.js";
import type { ExportQuery } from "./analysis-query.js";
import { compareText } from "./byte-order.js";

export interface ResultRow {
  section: string;
  a: string | null;
  b: string | null;
  n1: number | null;
  n2: number | null;
  n3: number | null;
  n4: number | null;
  x1: number | null;
  x2: number | null;
}

/** A ReportInput with the extras of user-level data; analysis reads it as a ReportInput. */
export interface ExportReportInput extends ReportInput, ExportExtras {}

export interface ReadContext {
  source: string;
  propertyId?: string;
  query: ExportQuery;
  notes: string[];
  bytesProcessed: number | null;
  /** queries the analysis ran (default 1) */
  queries?: number;
}

export function readResult(rows: ResultRow[], ctx: ReadContext): ExportReportInput {
  const q = ctx.query;
  const of = (section: string) => rows.filter((r) => r.section === section);
  const n = (v: number | null) => v ?? 0;
  const total = of("total")[0];
  const goalRows = new Map(of("goal").map((r) => [r.a, r]));
  const goalEvent = new Map(q.goals.map((g) => [g.goalId, g.event]));
  const totalUsers = n(total?.n1 ?? null);
  const pairRows = new Map(of("pair").map((r) => [`${r.a}\u0000${r.b}`, r]));
  const timeRows = new Map(of("time").map((r) => [`${r.a}\u0000${r.b}`, r]));
  const caveats = emptyCaveats();

  const goals = q.goals.map((g) => {
    const r = goalRows.get(g.goalId);
    return { goalId: g.goalId, event: g.event, users: n(r?.n1 ?? null), events: n(r?.n2 ?? null) };
  });
  caveats.missingGoals = goals.filter((g) => g.events === 0).map((g) => g.goalId);
  const edges = q.pairs.flatMap((p) => {
    const e = of("edge").find((r) => r.a === p.microId && r.b === p.macroId);
    const r = pairRows.get(`${p.microId}\u0000${p.macroId}`);
    const without = r ? n(r.n4) : (goalRows.get(p.macroId)?.n1 ?? 0);
    if (!e || n(e.n1) === 0) return [];
    const since = isoDate(q.startDate);
    return [
      {
        microId: p.microId,
        macroId: p.macroId,
        windowSeconds: p.windowSeconds,
        since,
        atMost: Math.min(n(e.n1), without),
        convertedWithoutMicro: without,
      },
    ];
  });
  if (edges.length > 0) caveats.rangeEdge = edges;

  return {
    source: ctx.source,
    ...(ctx.propertyId ? { propertyId: ctx.propertyId } : {}),
    dateRange: { since: isoDate(q.startDate), until: isoDate(q.endDate) },
    totalUsers,
    totalEvents: n(total?.n2 ?? null),
    goals,
    pairs: q.pairs.map((p) => {
      const r = pairRows.get(`${p.microId}\u0000${p.macroId}`);
      const microUsers = n(r?.n1 ?? null);
      return {
        microId: p.microId,
        macroId: p.macroId,
        windowSeconds: p.windowSeconds,
        microUsers,
        convertedAfterMicro: n(r?.n2 ?? null),
        nonMicroUsers: totalUsers - microUsers,
        // Users who never did the micro are absent from pair rows: all macro users without it.
        convertedWithoutMicro: r ? n(r.n4) : (goalRows.get(p.macroId)?.n1 ?? 0),
      };
    }),
    funnels: q.funnels.map((f) => ({
      funnelId: f.funnelId,
      open: f.open,
      steps: f.steps.map((goalId, i) => {
        const at = (section: string) => of(section).find((r) => r.a === f.funnelId && r.n2 === i);
        const users = n(at("funnel")?.n1 ?? null);
        // continued: users who went on to the next step (none after the last)
        return i < f.steps.length - 1
          ? { goalId, users, continued: n(at("continued")?.n1 ?? null) }
          : { goalId, users };
      }),
    })),
    caveats,
    cost: { requests: ctx.queries ?? 1, tokens: 0 },
    days: of("day").map((r) => ({ date: r.a ?? "", events: n(r.n1), users: n(r.n2) })),
    timeToConvert: q.pairs.map((p) => {
      const r = timeRows.get(`${p.microId}\u0000${p.macroId}`);
      return {
        microId: p.microId,
        macroId: p.macroId,
        converters: n(r?.n1 ?? null),
        medianSeconds: r?.x1 ?? null,
        p90Seconds: r?.x2 ?? null,
      };
    }),
    reversePaths: q.goals
      .filter((g) => g.kind === "macro" && goalEvent.has(g.goalId))
      .map((g) => {
        const paths = of("path").filter((r) => r.a === g.goalId);
        return {
          macroId: g.goalId,
          conversions: n(paths[0]?.n3 ?? null),
          top: paths
            .map((r) => ({
              steps: r.b === "(none)" || r.b === null ? [] : r.b.split(" > "),
              conversions: n(r.n1),
              users: n(r.n2),
            }))
            .sort((x, y) => y.conversions - x.conversions || compareText(x.steps.join(), y.steps.join())),
        };
      }),
    notes: ctx.notes,
    bytesProcessed: ctx.bytesProcessed,
  };
}

function isoDate(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
