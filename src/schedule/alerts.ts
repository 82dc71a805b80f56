// Compares a run with the previous period's run and raises an alert for every micro→macro rate or
// funnel step conversion that moved beyond a configured threshold AND by more than noise: the
// change must be significant (Fisher's exact test when a 2x2 cell expects < 5, else a two-proportion
// z test), after a Benjamini–Hochberg adjustment across every comparison in the run, so a report
// with fifty pairs does not cry wolf once a week.
import { benjaminiHochberg } from "../report/stats/benjamini-hochberg.js";
import { fisherExact } from "../report/stats/fisher.js";
import { twoProportionTest } from "../report/stats/two-proportion.js";
import { wilson } from "../report/stats/wilson.js";
import { type AlertRule, crossesThreshold } from "./alert-rule.js";
import type { HistoryEntry } from "./history-entry.js";

/** Process exit code when at least one alert fired, so CI can notify. */
export const ALERT_EXIT_CODE = 3;

export interface RatePoint {
  n: number;
  conversions: number;
  rate: number;
  low: number;
  high: number;
}

export interface Alert {
  kind: "pair" | "funnel_step";
  /** "view_pricing → purchase", or "checkout: add_to_cart → begin_checkout" for a funnel step */
  subject: string;
  rules: string[];
  before: RatePoint;
  after: RatePoint;
  /** (after − before) / before; null when before is 0 */
  relativeChange: number | null;
  /** after − before, as a fraction (0.05 = 5 percentage points) */
  pointChange: number;
  pValue: number;
  /** Benjamini–Hochberg adjusted p across every comparison of the run */
  qValue: number;
  message: string;
}

export interface AlertOptions {
  /** false-discovery rate a change must stay under to count as real (default 0.05) */
  alpha?: number;
}

interface Comparison {
  kind: Alert["kind"];
  subject: string;
  before: RatePoint;
  after: RatePoint;
}

export function detectAlerts(
  previous: HistoryEntry | undefined,
  current: HistoryEntry,
  rules: AlertRule[],
  options: AlertOptions = {},
): Alert[] {
  if (!previous || rules.length === 0) return [];
  const alpha = options.alpha ?? 0.05;
  const comparisons = [...pairComparisons(previous, current), ...funnelComparisons(previous, current)];
  const pValues = comparisons.map((c) => pValue(c.before, c.after));
  const qValues = benjaminiHochberg(pValues);
  const alerts: Alert[] = [];
  comparisons.forEach((c, i) => {
    const q = qValues[i] ?? 1;
    if (q >= alpha) return;
    const crossed = rules.filter((r) => crossesThreshold(r, c.before.rate, c.after.rate)).map((r) => r.text);
    if (crossed.length === 0) return;
    const pointChange = c.after.rate - c.before.rate;
    const relativeChange = c.before.rate === 0 ? null : pointChange / c.before.rate;
    const alert = { ...c, rules: crossed, pointChange, relativeChange, pValue: pValues[i], qValue: q };
    alerts.push({ ...alert, message: alertMessage(alert) });
  });
  return alerts;
}

function pairComparisons(previous: HistoryEntry, current: HistoryEntry): Comparison[] {
  const before = new Map(previous.pairs.map((p) => [`${p.micro}\u0000${p.macro}`, p]));
  const out: Comparison[] = [];
  for (const p of current.pairs) {
    const b = before.get(`${p.micro}\u0000${p.macro}`);
    if (!b || b.n <= 0 || p.n <= 0) continue;
    out.push({ kind: "pair", subject: `${p.micro} → ${p.macro}`, before: point(b), after: point(p) });
  }
  return out;
}

function funnelComparisons(previous: HistoryEntry, current: HistoryEntry): Comparison[] {
  const before = new Map(previous.funnels.map((f) => [f.id, f]));
  const out: Comparison[] = [];
  for (const f of current.funnels) {
    const b = before.get(f.id);
    if (!b) continue;
    for (let i = 1; i < f.steps.length; i++) {
      const [from, to] = [f.steps[i - 1], f.steps[i]];
      const [bFrom, bTo] = [b.steps[i - 1], b.steps[i]];
      // Steps are compared by position only while the funnel's definition is unchanged.
      if (!bFrom || !bTo || bFrom.goal !== from.goal || bTo.goal !== to.goal) continue;
      const after = stepPoint(from.users, to.users);
      const beforePoint = stepPoint(bFrom.users, bTo.users);
      if (!after || !beforePoint) continue;
      out.push({
        kind: "funnel_step",
        subject: `${f.id}: ${from.goal} → ${to.goal}`,
        before: beforePoint,
        after,
      });
    }
  }
  return out;
}

function point(p: RatePoint): RatePoint {
  return { n: p.n, conversions: p.conversions, rate: p.rate, low: p.low, high: p.high };
}

function stepPoint(entered: number, continued: number): RatePoint | undefined {
  if (entered <= 0) return undefined;
  const x = Math.min(continued, entered); // open funnels can count more at a later step
  const interval = wilson(x, entered)!;
  return { n: entered, conversions: x, rate: x / entered, low: interval.low, high: interval.high };
}

function pValue(before: RatePoint, after: RatePoint): number {
  const [a, b] = [after.conversions, after.n - after.conversions];
  const [c, d] = [before.conversions, before.n - before.conversions];
  const total = a + b + c + d;
  const expectedMin = Math.min(
    ((a + b) * (a + c)) / total,
    ((a + b) * (b + d)) / total,
    ((c + d) * (a + c)) / total,
    ((c + d) * (b + d)) / total,
  );
  if (expectedMin < 5) return fisherExact(a, b, c, d);
  return twoProportionTest(a, after.n, c, before.n)?.pValue ?? 1;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const count = (x: number) => x.toLocaleString("en-US");

function alertMessage(a: Omit<Alert, "message">): string {
  const verb = a.pointChange < 0 ? "fell" : "rose";
  const rel =
    a.relativeChange === null
      ? "from zero"
      : `${a.relativeChange > 0 ? "+" : "−"}${pct(Math.abs(a.relativeChange))}`;
  const pp = `${a.pointChange > 0 ? "+" : "−"}${(Math.abs(a.pointChange) * 100).toFixed(1)} pp`;
  return (
    `${a.subject} ${verb} from ${pct(a.before.rate)} [${pct(a.before.low)}–${pct(a.before.high)}] ` +
    `to ${pct(a.after.rate)} [${pct(a.after.low)}–${pct(a.after.high)}] (${rel}, ${pp}; ` +
    `n ${count(a.before.n)} → ${count(a.after.n)}; q=${a.qValue < 0.001 ? "<0.001" : a.qValue.toFixed(3)}) ` +
    `— rule ${a.rules.join(", ")}`
  );
}
