// How figures are written in every human format. Locale-independent so output is byte-stable.
import type { PairAnalysis, Rate } from "../analysis.js";

export function count(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${grouped}` : grouped;
}

export function pct(x: number | null, digits = 1): string {
  if (x === null || !Number.isFinite(x)) return "—";
  return `${(x * 100).toFixed(digits)}%`;
}

/**
 * "12.3% [11.0–13.7%] n=1,000" — every rate with its interval and n; "no data" when n = 0; "—"
 * with its n when the rate was withheld (within GA4's counting error: see the pair's status).
 */
export function rate(r: Rate): string {
  if (r.rate === null) return r.n > 0 ? `— n=${count(r.n)}` : "no data";
  const ci = r.low === null || r.high === null ? "" : ` [${pct(r.low)}–${pct(r.high)}]`;
  return `${pct(r.rate)}${ci} n=${count(r.n)}`;
}

export function signedPct(x: number): string {
  if (!Number.isFinite(x)) return "∞";
  return `${x >= 0 ? "+" : ""}${(x * 100).toFixed(0)}%`;
}

type PairLift = Pick<PairAnalysis, "lift" | "afterMicro" | "baseline">;
type LiftFigures = NonNullable<PairAnalysis["lift"]>;

/**
 * Lift and interval without words: "+25% [+10%, +42%]"; "≥ +1421%" when nobody converted without
 * the micro goal (no finite lift, only a lower bound); "-100% [-100%, +900%]" when nobody converted
 * after it.
 */
export function liftFigure(l: LiftFigures): string {
  if (l.relative === null || l.high === null) return `≥ ${signedPct(l.low)}`;
  return `${signedPct(l.relative)} [${signedPct(l.low)}, ${signedPct(l.high)}]`;
}

/** The headline number alone: "+25%", "≥ +1421%". */
export function liftPoint(l: LiftFigures): string {
  return l.relative === null ? `≥ ${signedPct(l.low)}` : signedPct(l.relative);
}

/** Whether the observed lift is positive (infinite counts: nobody converted without the micro goal). */
export function liftIsUp(l: LiftFigures | null): boolean {
  return l !== null && (l.relative === null || l.relative > 0);
}

/** Which group had no conversions, in words; "" when neither. */
export function zeroCellNote(p: PairLift): string {
  if (p.lift?.zeroCell === "baseline") return `no conversions without it (0 of ${count(p.baseline.n)})`;
  if (p.lift?.zeroCell === "micro") return `no conversions after it (0 of ${count(p.afterMicro.n)})`;
  return "";
}

/** The lift cell of the text formats: figure, then the zero-cell note when there is one. */
export function lift(p: PairLift): string {
  if (!p.lift) return "—";
  const note = zeroCellNote(p);
  return note ? `${liftFigure(p.lift)} — ${note}` : liftFigure(p.lift);
}

export function pValue(p: number | null): string {
  if (p === null) return "—";
  if (p < 0.0001) return "<0.0001";
  return p.toFixed(4);
}

export function money(x: number | null, currency: string): string {
  if (x === null) return "—";
  return `${x < 0 ? "-" : ""}${Math.abs(x).toFixed(2)} ${currency}`;
}

export function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${seconds}s`;
}

/** The one-line verdict on a pair, shared by every format. */
export function verdict(p: PairAnalysis, alpha: number): string {
  if (p.status === "no-data") return p.note ?? "no data";
  const more = p.moreUsersNeeded;
  const need = more === null ? "" : more > 0 ? `; ~${count(more)} more users needed to tell` : "";
  if (p.status === "too-few-users") return `too few users (${p.note})${need}`;
  if (p.status === "counting-error") return p.note ?? "within GA4's counting error";
  if (p.significant) return `significant (q ≤ ${alpha})`;
  if (more === null) return "no difference observed";
  return `not significant${need}`;
}

/** A measured time span, rounded for reading: "45s", "12.5 min", "3.2 h", "2.1 d"; "—" when unknown. */
export function elapsed(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** Bytes in decimal units, as BigQuery bills them: "1.2 GB". */
export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
