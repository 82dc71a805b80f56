// Alert thresholds as written in microgoals.yaml (report.alerts) or --alert-on:
//   "drop>=20%"  the rate fell by at least 20% of its previous value (relative)
//   "rise>=50%"  the rate grew by at least 50% of its previous value
//   "drop>=5pp"  the rate fell by at least 5 percentage points (absolute)
//   "change>=30%" either direction
// A threshold alone never fires an alert: the change must also be statistically significant.
import { UserError } from "../errors.js";

export type AlertDirection = "drop" | "rise" | "change";

export interface AlertRule {
  text: string; // as written, normalized ("drop>=20%")
  direction: AlertDirection;
  /** relative (fraction of the previous rate) or absolute (percentage points as a fraction) */
  unit: "relative" | "points";
  /** as a fraction: 20% → 0.2, 5pp → 0.05 */
  threshold: number;
}

const RULE = /^\s*(drop|rise|change)\s*>=\s*(\d+(?:\.\d+)?)\s*(%|pp)\s*$/i;

/** A UserError, so the CLI prints it as one line with exit code 1. */
export class AlertRuleError extends UserError {
  constructor(readonly text: string) {
    super(
      `invalid alert rule "${text}": expected drop|rise|change >= N% or Npp, e.g. "drop>=20%" or "rise>=5pp"`,
    );
    this.name = "AlertRuleError";
  }
}

export function parseAlertRule(text: string): AlertRule {
  const m = RULE.exec(text);
  if (!m) throw new AlertRuleError(text);
  const direction = m[1].toLowerCase() as AlertDirection;
  const value = Number(m[2]);
  const unit = m[3].toLowerCase() === "pp" ? "points" : "relative";
  if (value <= 0 || (unit === "points" && value > 100)) throw new AlertRuleError(text);
  return {
    text: `${direction}>=${m[2]}${unit === "points" ? "pp" : "%"}`,
    direction,
    unit,
    threshold: value / 100,
  };
}

/** Project rules plus flag rules, deduplicated by normalized text, in the order given. */
export function parseAlertRules(texts: string[]): AlertRule[] {
  const seen = new Map<string, AlertRule>();
  for (const t of texts) {
    const rule = parseAlertRule(t);
    if (!seen.has(rule.text)) seen.set(rule.text, rule);
  }
  return [...seen.values()];
}

/** Does a change from `before` to `after` (rates in [0,1]) cross the rule's threshold? */
export function crossesThreshold(rule: AlertRule, before: number, after: number): boolean {
  const delta = after - before;
  const sign = rule.direction === "drop" ? -1 : rule.direction === "rise" ? 1 : Math.sign(delta);
  if (sign === 0 || Math.sign(delta) !== sign) return false;
  const size = Math.abs(delta);
  // A tiny epsilon so "exactly 20%" counts despite binary floating point.
  if (rule.unit === "points") return size >= rule.threshold - 1e-12;
  if (before === 0) return true; // any rise from zero is an infinite relative rise
  return size / before >= rule.threshold - 1e-12;
}
