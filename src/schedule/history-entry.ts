// One line of the history file: what a report run saw, reduced to the numbers later runs compare
// against (alerts) and chart (trend). Plain JSON, stable field order, versioned.

export const HISTORY_VERSION = 1;

export interface HistoryPair {
  micro: string;
  macro: string;
  /** users who did the micro goal */
  n: number;
  /** of those, users who did the macro goal within the window after it */
  conversions: number;
  rate: number;
  /** 95% interval of rate */
  low: number;
  high: number;
}

export interface HistoryFunnel {
  id: string;
  steps: { goal: string; users: number }[];
}

export interface HistoryEntry {
  version: typeof HISTORY_VERSION;
  /** ISO timestamp of the run */
  runAt: string;
  /** the reporting period as resolved dates (YYYY-MM-DD) or the GA4 expressions when unresolved */
  period: { since: string; until: string };
  target: string;
  pairs: HistoryPair[];
  funnels: HistoryFunnel[];
  /** human-readable data-quality notes: thresholding, sampling, (other) row, missing goals */
  caveats: string[];
}

/** Why a parsed JSON value is not a HistoryEntry, or undefined when it is one. */
export function historyEntryProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const v = value as Record<string, unknown>;
  if (v.version !== HISTORY_VERSION) return `unsupported version ${JSON.stringify(v.version)}`;
  if (typeof v.runAt !== "string" || Number.isNaN(Date.parse(v.runAt))) return "runAt is not a timestamp";
  const period = v.period as Record<string, unknown> | undefined;
  if (typeof period?.since !== "string" || typeof period?.until !== "string") return "period is missing";
  if (typeof v.target !== "string") return "target is missing";
  if (!Array.isArray(v.pairs) || !v.pairs.every(isPair)) return "pairs is malformed";
  if (!Array.isArray(v.funnels) || !v.funnels.every(isFunnel)) return "funnels is malformed";
  if (!Array.isArray(v.caveats) || !v.caveats.every((c) => typeof c === "string"))
    return "caveats is malformed";
  return undefined;
}

function isPair(p: unknown): boolean {
  if (typeof p !== "object" || p === null) return false;
  const r = p as Record<string, unknown>;
  return (
    typeof r.micro === "string" &&
    typeof r.macro === "string" &&
    ["n", "conversions", "rate", "low", "high"].every((k) => typeof r[k] === "number")
  );
}

function isFunnel(f: unknown): boolean {
  if (typeof f !== "object" || f === null) return false;
  const r = f as Record<string, unknown>;
  return (
    typeof r.id === "string" &&
    Array.isArray(r.steps) &&
    r.steps.every(
      (s) =>
        typeof s === "object" &&
        s !== null &&
        typeof (s as Record<string, unknown>).goal === "string" &&
        typeof (s as Record<string, unknown>).users === "number",
    )
  );
}
