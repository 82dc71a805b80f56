// ReportInput + spec → Analysis. Pure: every figure a renderer prints is computed here.
import { plural } from "../project/format/plural.js";
import type { Goal, Project } from "../project/model.js";
import type {
  Analysis,
  ExportExtras,
  FunnelAnalysis,
  GoalAnalysis,
  HistoryPoint,
  PairAnalysis,
  Rate,
} from "./analysis.js";
import { applyFunnelCountingError, applyPairCountingError, precisionOf } from "./approximate-counts.js";
import { attachAdjusted } from "./effects/attach.js";
import { throughFunnel } from "./funnel-through.js";
import { pairRole } from "./milestones.js";
import type { FunnelCount, PairCount, ReportInput } from "./model.js";
import { noEventsAtAll } from "./no-events-at-all.js";
import { benjaminiHochberg } from "./stats/benjamini-hochberg.js";
import { fisherExact } from "./stats/fisher.js";
import { relativeLift } from "./stats/lift.js";
import { phi } from "./stats/phi.js";
import { sampleSize } from "./stats/sample-size.js";
import { twoProportionTest } from "./stats/two-proportion.js";
import { wilson } from "./stats/wilson.js";

export interface AnalyzeOptions {
  target?: string;
  /** false-discovery rate for `significant` (default 0.05) */
  alpha?: number;
  history?: HistoryPoint[];
  generatedAt?: string;
  /** rank milestones with the secondary actions (default false: they are reported as steps) */
  includeMilestones?: boolean;
  /** false: the source was asked for no adjusted effects (report --no-adjust) */
  adjust?: boolean;
}

export function rateOf(x: number, n: number): Rate {
  if (n <= 0) return { x, n, rate: null, low: null, high: null };
  // Open funnels can have more users at a later step than at an earlier one: no binomial interval.
  const ci = x <= n ? wilson(x, n) : null;
  return { x, n, rate: x / n, low: ci?.low ?? null, high: ci?.high ?? null };
}

export function analyze(project: Project, input: ReportInput, options: AnalyzeOptions = {}): Analysis {
  const alpha = options.alpha ?? 0.05;
  const goalsById = new Map(project.goals.map((g) => [g.id, g]));
  const counts = new Map(input.goals.map((c) => [c.goalId, c]));
  const goals: GoalAnalysis[] = project.goals.map((g) => {
    const c = counts.get(g.id);
    const events = c?.events ?? 0;
    return {
      id: g.id,
      title: g.title,
      kind: g.kind,
      event: g.event,
      users: c?.users ?? 0,
      events,
      noData: events === 0,
    };
  });
  const noData = new Set(goals.filter((g) => g.noData).map((g) => g.id));
  const missingGoals = [...new Set([...input.caveats.missingGoals, ...noData])].sort();

  const precision = precisionOf(input.counting);
  // No events at all, not only none of the goals': wrong property or range.
  const nothingAtAll = noEventsAtAll({ totalUsers: input.totalUsers, goals });
  const pairs = input.pairs.map((p) =>
    analyzePair(p, goalsById, noData, nothingAtAll, project.report.minUsers),
  );
  const q = benjaminiHochberg(pairs.map((p) => p.pValue));
  pairs.forEach((p, i) => {
    p.qValue = q[i];
    p.significant = q[i] !== null && q[i]! <= alpha;
    p.moreUsersNeeded = withheld(p) ? null : p.significant ? 0 : moreUsersNeeded(p);
  });
  for (const p of pairs) Object.assign(p, pairRole(p, goalsById.get(p.microId)));
  attachAdjusted(pairs, input);
  const includeMilestones = options.includeMilestones ?? false;
  const ranked = (p: PairAnalysis) => includeMilestones || p.role === "secondary";
  const ranking = rank(pairs).filter((i) => ranked(pairs[i]));
  ranking.forEach((index, r) => {
    pairs[index].rank = withheld(pairs[index]) ? null : r + 1;
  });
  const funnels = input.funnels.map((f) => analyzeFunnel(f, project, noData));
  if (precision) for (const f of funnels) applyFunnelCountingError(f, precision);
  const milestones = pairs.flatMap((p, i) => (ranked(p) ? [] : [i]));

  return {
    schemaVersion: 2,
    project: project.name,
    target: options.target ?? null,
    propertyId: input.propertyId ?? null,
    source: input.source,
    dateRange: input.dateRange,
    generatedAt: options.generatedAt ?? null,
    currency: project.report.currency,
    alpha,
    minUsers: project.report.minUsers,
    totalUsers: input.totalUsers,
    goals,
    pairs,
    ranking,
    milestones,
    includeMilestones,
    ...(options.adjust === false ? { adjustSkipped: true as const } : {}),
    funnels,
    caveats: { ...input.caveats, missingGoals },
    cost: input.cost,
    counting: input.counting ?? { method: "exact" },
    history: options.history ?? [],
    ...exportExtras(input),
  };
}

/** The export-only figures, when the input came from the GA4 export (see ExportReportInput). */
function exportExtras(input: ReportInput): { export?: ExportExtras } {
  const x = input as ReportInput & Partial<ExportExtras>;
  if (!x.timeToConvert || !x.reversePaths) return {};
  return {
    export: {
      totalEvents: x.totalEvents ?? 0,
      days: x.days ?? [],
      timeToConvert: x.timeToConvert,
      reversePaths: x.reversePaths,
      notes: x.notes ?? [],
      bytesProcessed: x.bytesProcessed ?? null,
    },
  };
}

function analyzePair(
  p: PairCount,
  goals: Map<string, Goal>,
  noData: Set<string>,
  nothingAtAll: boolean,
  minUsers: number,
): PairAnalysis {
  const micro = goals.get(p.microId);
  const macro = goals.get(p.macroId);
  const a = p.convertedAfterMicro;
  const b = p.microUsers - a;
  const c = p.convertedWithoutMicro;
  const d = p.nonMicroUsers - c;
  const base: PairAnalysis = {
    microId: p.microId,
    microTitle: micro?.title ?? p.microId,
    macroId: p.macroId,
    macroTitle: macro?.title ?? p.macroId,
    windowSeconds: p.windowSeconds,
    status: "ok",
    note: null,
    afterMicro: rateOf(a, p.microUsers),
    baseline: rateOf(c, p.nonMicroUsers),
    lift: null,
    test: null,
    pValue: null,
    qValue: null,
    significant: false,
    phi: null,
    valuePerMicro: null,
    moreUsersNeeded: null,
    rank: null,
    role: "secondary",
    roleSource: "spec",
    shareOfConverters: null,
    stepNote: null,
    hint: null,
  };
  const missing = [p.microId, p.macroId].filter((id) => noData.has(id));
  if (missing.length > 0 || p.microUsers === 0 || p.nonMicroUsers === 0) {
    base.status = "no-data";
    base.note =
      missing.length > 0
        ? nothingAtAll
          ? "no events at all in the property for this range"
          : `no data for ${missing.join(" and ")}: check its trigger`
        : p.microUsers === 0
          ? "no users did the micro goal"
          : "every user did the micro goal: no baseline";
    return base;
  }
  if (p.microUsers < minUsers) {
    base.status = "too-few-users";
    base.note = `only ${plural(p.microUsers, "user")} did ${p.microId}, min_users is ${minUsers}`;
  }
  base.lift = relativeLift(a, p.microUsers, c, p.nonMicroUsers);
  const useFisher = minExpectedCell(a, b, c, d) < 5;
  base.test = useFisher ? "fisher" : "two-proportion";
  base.pValue = useFisher
    ? fisherExact(a, b, c, d)
    : twoProportionTest(a, p.microUsers, c, p.nonMicroUsers)!.pValue;
  base.phi = phi(a, b, c, d);
  const value = macro?.value ?? macro?.keyEvent?.value;
  if (value !== undefined) base.valuePerMicro = (base.afterMicro.rate! - base.baseline.rate!) * value;
  applyPairCountingError(base, p);
  return base;
}

/** Pairs without figures to rank: no data, or within GA4's counting error. */
const withheld = (p: PairAnalysis) => p.status === "no-data" || p.status === "counting-error";

function minExpectedCell(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  const rows = [a + b, c + d];
  const cols = [a + c, b + d];
  return Math.min(...rows.flatMap((r) => cols.map((col) => (r * col) / n)));
}

export function moreUsersNeeded(p: PairAnalysis): number | null {
  const n1 = p.afterMicro.n;
  const n2 = p.baseline.n;
  const ss = sampleSize(p.afterMicro.rate!, p.baseline.rate!, n2 / n1);
  if (!ss) return null; // identical rates: no sample size detects a difference of zero
  const factor = Math.max(ss.n1 / n1, ss.n2 / n2, 1);
  return Math.ceil((n1 + n2) * factor) - (n1 + n2);
}

const statusOrder = { ok: 0, "too-few-users": 1, "counting-error": 2, "no-data": 3 } as const;

/**
 * Pairs by status (ok, too few users, no data), then adjusted effect descending where the source
 * gave one (pairs with one first), then observed lift descending, then lower bound,
 * then spec order. A pair nobody converts without has an infinite observed lift: it ranks first
 * (renderers label it as such), several of them by their lower bounds — but only when that lower
 * bound is above 0%; otherwise all we know is the bound, so it ranks by that.
 */
function rank(pairs: PairAnalysis[]): number[] {
  const point = (p: PairAnalysis) =>
    !p.lift
      ? Number.NEGATIVE_INFINITY
      : (p.lift.relative ?? (p.lift.low > 0 ? Number.POSITIVE_INFINITY : p.lift.low));
  const low = (p: PairAnalysis) => p.lift?.low ?? Number.NEGATIVE_INFINITY;
  const desc = (x: number, y: number) => (x === y ? 0 : x > y ? -1 : 1); // ∞ − ∞ would be NaN
  // Where an adjusted effect exists, it ranks: drivers before symptoms (docs/effects.md).
  const adjusted = (p: PairAnalysis) =>
    p.adjusted?.status === "ok" ? (p.adjusted.lift.relative ?? Number.NEGATIVE_INFINITY) : null;
  return pairs
    .map((_, i) => i)
    .sort((i, j) => {
      const a = pairs[i];
      const b = pairs[j];
      const s = statusOrder[a.status] - statusOrder[b.status];
      if (s !== 0) return s;
      const x = adjusted(a);
      const y = adjusted(b);
      if (x !== null || y !== null) {
        if (x === null || y === null) return x === null ? 1 : -1;
        const byAdjusted = desc(x, y);
        if (byAdjusted !== 0) return byAdjusted;
      }
      return desc(point(a), point(b)) || desc(low(a), low(b)) || i - j;
    });
}

function analyzeFunnel(f: FunnelCount, project: Project, noData: Set<string>): FunnelAnalysis {
  const spec = project.funnels.find((s) => s.id === f.funnelId);
  const title = (id: string) => project.goals.find((g) => g.id === id)?.title ?? id;
  const first = f.steps[0]?.users ?? 0;
  const steps = f.steps.map((s, i) => {
    const prev = i > 0 ? f.steps[i - 1] : null;
    // Users who went on from the previous step. Closed funnels: everyone here came from there.
    // Open funnels: people may enter at this step, so only the source's `continued` count is a rate.
    const arrived = prev === null ? null : (prev.continued ?? (f.open ? null : s.users));
    return {
      goalId: s.goalId,
      title: title(s.goalId),
      users: s.users,
      stepConversion: prev === null || arrived === null ? null : rateOf(arrived, prev.users),
      overallConversion: rateOf(s.users, first),
      dropOff: prev === null || arrived === null ? null : prev.users - arrived,
      entered: prev === null || arrived === null ? null : Math.max(0, s.users - arrived),
      noData: noData.has(s.goalId),
    };
  });
  const through = throughFunnel(steps, rateOf);
  let bottleneck: FunnelAnalysis["bottleneck"] = null;
  steps.forEach((s, i) => {
    const conv = s.stepConversion?.rate;
    if (conv === null || conv === undefined) return;
    if (!bottleneck || conv < bottleneck.conversion) {
      bottleneck = { fromGoalId: steps[i - 1].goalId, toGoalId: s.goalId, stepIndex: i, conversion: conv };
    }
  });
  return {
    id: f.funnelId,
    title: spec?.title ?? f.funnelId,
    open: f.open,
    windowSeconds: spec?.windowSeconds ?? 0,
    steps: steps.map((s, i) => ({ ...s, throughConversion: through.steps[i] ?? null })),
    overallConversion: rateOf(f.steps.at(-1)?.users ?? 0, first),
    throughConversion: through.overall,
    throughEstimated: through.estimated,
    bottleneck,
  };
}
