// The honest search: rank candidates on the discovery half of the users, confirm the strongest on
// the other half with the report's own crude estimator (after vs never, Katz interval, Fisher or
// two-proportion test), and control false discoveries with Benjamini–Hochberg at the confirmation
// stage only. Required steps (≥ 99% of converters did them first) are path steps, not drivers;
// events done almost only after converting (thank-you pages) are not candidates at all.

import type { AdjustedEffect } from "../adjusted-effect.js";
import { benjaminiHochberg } from "../stats/benjamini-hochberg.js";
import { fisherExact } from "../stats/fisher.js";
import { relativeLift } from "../stats/lift.js";
import { twoProportionTest } from "../stats/two-proportion.js";
import {
  type CandidateCounts,
  type CandidateDefinition,
  type CandidateKind,
  type HalfCounts,
  label,
} from "./candidate.js";

export interface HalfFigures {
  users: number;
  /** P(macro within the window after doing it) */
  rate: number | null;
  /** P(macro | never did it) */
  baseline: number | null;
  lift: { relative: number | null; low: number; high: number | null } | null;
  pValue: number | null;
}

export interface DiscoveredCandidate {
  definition: CandidateDefinition;
  kind: CandidateKind;
  label: string;
  known: boolean;
  required: boolean;
  discovery: HalfFigures;
  confirmation: HalfFigures & {
    qValue: number | null;
    /** the report's adjusted effect on the confirmation half, where the source and candidate allow */
    adjusted?: AdjustedEffect;
  };
  /** the confirmation-stage decision: q ≤ alpha with a lift above zero, and, where adjusted, an
   * adjusted interval above no effect */
  significant: boolean;
  /** 1 = strongest on the discovery half; null when not ranked (rare, required) */
  rank: number | null;
}

export interface RankOptions {
  minUsers: number;
  /** how many of the discovery ranking are confirmed (and corrected for) */
  confirmTop: number;
  alpha: number;
  isKnown: (d: CandidateDefinition) => boolean;
}

export interface Ranked {
  candidates: DiscoveredCandidate[];
  required: DiscoveredCandidate[];
  /** candidates with too few users in either half to test */
  tooRare: number;
  /** events done almost only after converting: not candidates */
  postConversion: string[];
}

const REQUIRED_SHARE = 0.99;
const POST_CONVERSION_SHARE = 0.9;

export function figures(h: HalfCounts): HalfFigures {
  const rate = h.doers > 0 ? h.convertedAfter / h.doers : null;
  const baseline = h.nonDoers > 0 ? h.nonDoersConverted / h.nonDoers : null;
  const lift = relativeLift(h.convertedAfter, h.doers, h.nonDoersConverted, h.nonDoers);
  return {
    users: h.doers,
    rate,
    baseline,
    lift: lift && { relative: lift.relative, low: lift.low, high: lift.high },
    pValue: pValueOf(h),
  };
}

/** The report's test: Fisher's exact when an expected cell is below 5, else the two-proportion z test. */
function pValueOf(h: HalfCounts): number | null {
  if (h.doers === 0 || h.nonDoers === 0) return null;
  const a = h.convertedAfter;
  const b = h.doers - a;
  const c = h.nonDoersConverted;
  const d = h.nonDoers - c;
  const n = a + b + c + d;
  const expected = [
    ((a + b) * (a + c)) / n,
    ((a + b) * (b + d)) / n,
    ((c + d) * (a + c)) / n,
    ((c + d) * (b + d)) / n,
  ];
  if (expected.some((e) => e < 5)) return fisherExact(a, b, c, d);
  return twoProportionTest(a, h.doers, c, h.nonDoers)?.pValue ?? null;
}

function both(c: CandidateCounts, pick: (h: HalfCounts) => number): number {
  return pick(c.discovery) + pick(c.confirmation);
}

export function isRequired(c: CandidateCounts): boolean {
  const converters = both(c, (h) => h.converters);
  return converters > 0 && both(c, (h) => h.convertersBefore) / converters >= REQUIRED_SHARE;
}

export function isPostConversion(c: CandidateCounts): boolean {
  const doers = both(c, (h) => h.doers);
  return doers > 0 && both(c, (h) => h.onlyAfterConverting) / doers >= POST_CONVERSION_SHARE;
}

export function isTestable(c: CandidateCounts, minUsers: number): boolean {
  return c.discovery.doers >= minUsers && c.confirmation.doers >= minUsers && c.discovery.nonDoers > 0;
}

/** Discovery-half strength: positive lifts first, by p-value, then by the lift's lower bound. */
function strength(f: HalfFigures): number {
  if (!f.lift || f.pValue === null) return Number.POSITIVE_INFINITY;
  const positive = f.lift.relative === null || f.lift.relative > 0;
  return positive ? f.pValue : 2 + (1 - f.pValue);
}

export function rankCandidates(counts: CandidateCounts[], options: RankOptions): Ranked {
  // Done almost only at or after converting: an event (and every candidate built on it), or one
  // event with one parameter value (a thank-you page, seen the moment the purchase fires).
  const single = (c: CandidateCounts) => !c.definition.minCount && !c.definition.and;
  const postEvents = counts
    .filter((c) => single(c) && !c.definition.param && isPostConversion(c))
    .map((c) => c.definition.event);
  const postValues = counts
    .filter((c) => single(c) && c.definition.param && isPostConversion(c))
    .map((c) => label(c.definition));
  const post = new Set(postEvents);
  const postValue = new Set(postValues);
  const usable = counts.filter(
    (c) =>
      !post.has(c.definition.event) &&
      !(c.definition.and && post.has(c.definition.and.event)) &&
      !postValue.has(label(c.definition)),
  );
  const postConversion = [...postEvents, ...postValues];
  const shaped = usable.map((c) => ({
    c,
    required: isRequired(c),
    testable: isTestable(c, options.minUsers),
  }));
  const tooRare = shaped.filter((s) => !s.testable && !s.required).length;
  const toRank = shaped
    .filter((s) => s.testable && !s.required)
    .map((s) => ({ ...s, discovery: figures(s.c.discovery) }))
    .sort(
      (x, y) =>
        strength(x.discovery) - strength(y.discovery) ||
        label(x.c.definition).localeCompare(label(y.c.definition)),
    );
  const confirmed = toRank.slice(0, options.confirmTop);
  const q = benjaminiHochberg(confirmed.map((s) => figures(s.c.confirmation).pValue));
  const candidates = toRank.map((s, i): DiscoveredCandidate => {
    const confirmation = figures(s.c.confirmation);
    const qValue = i < confirmed.length ? (q[i] ?? null) : null;
    const up =
      confirmation.lift !== null && (confirmation.lift.relative === null || confirmation.lift.relative > 0);
    return {
      definition: s.c.definition,
      kind: s.c.kind,
      label: label(s.c.definition),
      known: options.isKnown(s.c.definition),
      required: false,
      discovery: s.discovery,
      confirmation: { ...confirmation, qValue },
      significant: qValue !== null && qValue <= options.alpha && up,
      rank: i + 1,
    };
  });
  const required = shaped
    .filter((s) => s.required && !s.c.definition.minCount && !s.c.definition.and)
    .map(
      (s): DiscoveredCandidate => ({
        definition: s.c.definition,
        kind: s.c.kind,
        label: label(s.c.definition),
        known: options.isKnown(s.c.definition),
        required: true,
        discovery: figures(s.c.discovery),
        confirmation: { ...figures(s.c.confirmation), qValue: null },
        significant: false,
        rank: null,
      }),
    );
  return { candidates, required, tooRare, postConversion };
}

/** The candidates to pair into combinations: the strongest testable singles of the discovery half. */
export function pairCandidates(
  counts: CandidateCounts[],
  minUsers: number,
  top: number,
): CandidateDefinition[] {
  return counts
    .filter((c) => !c.definition.minCount && !c.definition.and && isTestable(c, minUsers))
    .filter((c) => !isRequired(c) && !isPostConversion(c))
    .map((c) => ({ c, f: figures(c.discovery) }))
    .sort((x, y) => strength(x.f) - strength(y.f))
    .slice(0, top)
    .map((x) => x.c.definition);
}

/** Whether an adjusted effect backs a driver: its interval above no effect (no number: it cannot say). */
export function adjustedConfirms(a: AdjustedEffect): boolean | undefined {
  if (a.status !== "ok" || a.lift.low === null) return undefined;
  return a.lift.low > 0;
}
