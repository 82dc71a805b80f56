// BreakdownInput + spec → BreakdownAnalysis. Each segment goes through the same analysis as the
// whole report (analyze.ts: rates, Wilson intervals, Katz lift, Fisher / two-proportion tests);
// then Benjamini–Hochberg runs once over every segment × pair test, since a table of segments is
// one family of questions. Segments under min_users are summed into "(other)" first.
import type { Project } from "../../project/model.js";
import type { Analysis } from "../analysis.js";
import { analyze, moreUsersNeeded, rateOf } from "../analyze.js";
import { emptyCaveats, type PairCount, type ReportInput } from "../model.js";
import { benjaminiHochberg } from "../stats/benjamini-hochberg.js";
import type { BreakdownAnalysis, SegmentAnalysis, SegmentKind } from "./analysis.js";
import { SCOPE_LABEL } from "./dimensions.js";
import type { BreakdownInput, SegmentCount } from "./model.js";

export const NOT_SET = "(not set)";
export const OTHER = "(other)";

export function analyzeBreakdown(
  project: Project,
  whole: Analysis,
  input: BreakdownInput,
): BreakdownAnalysis {
  const minUsers = project.report.minUsers;
  const { kept, folded } = fold(input.segments, minUsers);
  const segments: SegmentAnalysis[] = kept.map((s) => segmentAnalysis(project, whole, s, kindOf(s.values)));
  if (folded.length > 0) {
    const sum = sumSegments(folded);
    segments.push({
      ...segmentAnalysis(project, whole, sum, "folded"),
      foldedValues: folded.map((s) => label(s.values)),
    });
  }
  // One family: every segment × pair test.
  const all = segments.flatMap((s) => s.pairs);
  const q = benjaminiHochberg(all.map((p) => p.pValue));
  all.forEach((p, i) => {
    p.qValue = q[i];
    p.significant = q[i] !== null && q[i]! <= whole.alpha;
    p.moreUsersNeeded = p.status === "no-data" ? null : p.significant ? 0 : moreUsersNeeded(p);
  });
  return {
    dimension: input.dimensions.join(" × "),
    dimensions: input.dimensions,
    scope: input.scope,
    scopeLabel: SCOPE_LABEL[input.scope],
    definition: input.definition,
    minUsers,
    tests: all.filter((p) => p.pValue !== null).length,
    segments,
  };
}

export function label(values: string[]): string {
  return values.join(" / ");
}

function kindOf(values: string[]): SegmentKind {
  if (values.includes(OTHER)) return "otherRow";
  if (values.includes(NOT_SET)) return "notSet";
  return "value";
}

/**
 * Segments under min_users are folded, except GA4's own "(not set)" and "(other)" rows, which are
 * kept and labelled so nothing the data says is hidden. Order: users descending, then label.
 */
function fold(segments: SegmentCount[], minUsers: number): { kept: SegmentCount[]; folded: SegmentCount[] } {
  const sorted = [...segments].sort(
    (a, b) => b.totalUsers - a.totalUsers || label(a.values).localeCompare(label(b.values)),
  );
  const kept = sorted.filter((s) => s.totalUsers >= minUsers || kindOf(s.values) !== "value");
  const folded = sorted.filter((s) => !kept.includes(s));
  // One small segment folded alone would only be renamed: keep it under its own name.
  return folded.length === 1 ? { kept: sorted, folded: [] } : { kept, folded };
}

function sumSegments(segments: SegmentCount[]): SegmentCount {
  const goals = new Map<string, number>();
  const pairs = new Map<string, PairCount>();
  for (const s of segments) {
    for (const g of s.goals) goals.set(g.goalId, (goals.get(g.goalId) ?? 0) + g.users);
    for (const p of s.pairs) {
      const key = `${p.microId}\u0000${p.macroId}`;
      const acc = pairs.get(key);
      if (!acc) pairs.set(key, { ...p });
      else {
        acc.microUsers += p.microUsers;
        acc.convertedAfterMicro += p.convertedAfterMicro;
        acc.nonMicroUsers += p.nonMicroUsers;
        acc.convertedWithoutMicro += p.convertedWithoutMicro;
      }
    }
  }
  return {
    values: [OTHER],
    totalUsers: segments.reduce((n, s) => n + s.totalUsers, 0),
    goals: [...goals].map(([goalId, users]) => ({ goalId, users })),
    pairs: [...pairs.values()],
  };
}

function segmentAnalysis(
  project: Project,
  whole: Analysis,
  s: SegmentCount,
  kind: SegmentKind,
): SegmentAnalysis {
  const users = new Map(s.goals.map((g) => [g.goalId, g.users]));
  // The whole report's event counts decide "no data" (a broken trigger), not the segment's: a
  // segment where nobody did a goal is a finding, labelled by the pair's own status.
  const input: ReportInput = {
    source: whole.source,
    dateRange: whole.dateRange,
    totalUsers: s.totalUsers,
    goals: whole.goals.map((g) => ({
      goalId: g.id,
      event: g.event,
      users: users.get(g.id) ?? 0,
      events: g.events,
    })),
    pairs: s.pairs,
    funnels: [],
    caveats: emptyCaveats(),
    cost: { requests: 0, tokens: 0 },
  };
  const a = analyze(project, input, { alpha: whole.alpha });
  const macros = project.goals
    .filter((g) => g.kind === "macro")
    .map((g) => ({ goalId: g.id, rate: rateOf(users.get(g.id) ?? 0, s.totalUsers) }));
  return {
    value: label(s.values),
    values: s.values,
    kind,
    totalUsers: s.totalUsers,
    macro: macros[0] ?? null,
    macros,
    pairs: a.pairs,
  };
}
