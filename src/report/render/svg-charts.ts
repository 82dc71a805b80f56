// Inline SVG charts for the HTML report: no script, no external resource, sized by viewBox so
// they scale to a phone's width. Coordinates are rounded so output is byte-stable.
import type { FunnelAnalysis, HistoryPoint, PairAnalysis } from "../analysis.js";
import { count, pct, signedPct } from "./figures.js";

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const r1 = (x: number) => x.toFixed(1);

/** Horizontal bars, one per step, width ∝ users; the bottleneck bar is highlighted. */
export function funnelBars(f: FunnelAnalysis): string {
  const W = 360;
  const rowH = 44;
  const max = Math.max(1, ...f.steps.map((s) => s.users));
  const h = f.steps.length * rowH + 8;
  const parts = [
    `<svg class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="Funnel ${escapeXml(f.title)}">`,
  ];
  f.steps.forEach((s, i) => {
    const y = 4 + i * rowH;
    const w = Math.max(1, (s.users / max) * (W - 8));
    const hot = f.bottleneck?.stepIndex === i;
    const fill = s.noData ? "#c62828" : hot ? "#ef6c00" : "#1565c0";
    const conv = s.stepConversion ? ` · ${pct(s.stepConversion.rate)} of previous` : "";
    const label = s.noData
      ? `${s.title}: no data — check its trigger`
      : `${s.title}: ${count(s.users)} users${conv}`;
    parts.push(`<text x="4" y="${y + 13}" class="lbl">${escapeXml(label)}</text>`);
    parts.push(`<rect x="4" y="${y + 18}" width="${r1(w)}" height="18" rx="3" fill="${fill}"/>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

/** Lift with 95% interval whiskers on a log-ratio axis (so +100% and −50% look equally far). */
export function liftForest(pairs: PairAnalysis[]): string {
  const rows = pairs.filter((p) => p.lift);
  if (rows.length === 0) return "";
  const W = 360;
  const rowH = 40;
  const left = 12; // margins keep the end whiskers off the edge
  const right = W - 12;
  const ratios = rows.flatMap((p) => [1 + p.lift!.low, 1 + p.lift!.high]).filter((r) => r > 0);
  const lo = Math.log(Math.min(0.5, ...ratios));
  const hi = Math.log(Math.max(2, ...ratios));
  const x = (ratio: number) =>
    left + ((Math.log(Math.max(ratio, Math.exp(lo))) - lo) / (hi - lo)) * (right - left);
  const h = rows.length * rowH + 20;
  const parts = [
    `<svg class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="Lift with 95% intervals">`,
  ];
  const zero = x(1);
  parts.push(
    `<line x1="${r1(zero)}" y1="0" x2="${r1(zero)}" y2="${h - 16}" stroke="#888" stroke-dasharray="3 3"/>`,
  );
  parts.push(`<text x="${r1(zero)}" y="${h - 4}" class="lbl" text-anchor="middle">no lift</text>`);
  rows.forEach((p, i) => {
    const y = 4 + i * rowH;
    const l = p.lift!;
    const colour =
      p.status === "too-few-users"
        ? "#9e9e9e"
        : p.significant
          ? l.relative > 0
            ? "#2e7d32"
            : "#c62828"
          : "#1565c0";
    const label = `${p.microId} → ${p.macroId}: ${signedPct(l.relative)} [${signedPct(l.low)}, ${signedPct(l.high)}]${p.status === "too-few-users" ? " (too few users)" : ""}`;
    parts.push(`<text x="4" y="${y + 12}" class="lbl">${escapeXml(label)}</text>`);
    const cy = y + 26;
    parts.push(
      `<line x1="${r1(x(1 + l.low))}" y1="${cy}" x2="${r1(x(1 + l.high))}" y2="${cy}" stroke="${colour}" stroke-width="2"/>`,
    );
    for (const end of [l.low, l.high]) {
      parts.push(
        `<line x1="${r1(x(1 + end))}" y1="${cy - 5}" x2="${r1(x(1 + end))}" y2="${cy + 5}" stroke="${colour}" stroke-width="2"/>`,
      );
    }
    parts.push(`<circle cx="${r1(x(1 + l.relative))}" cy="${cy}" r="4" fill="${colour}"/>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

const PALETTE = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#c62828"];

/** Rate after micro over time for the given pairs (at most six lines); "" with fewer than 2 points. */
export function trendLines(history: HistoryPoint[], keys: { microId: string; macroId: string }[]): string {
  if (history.length < 2 || keys.length === 0) return "";
  const inHistory = (k: { microId: string; macroId: string }) =>
    history.some((h) =>
      h.pairs.some((p) => p.microId === k.microId && p.macroId === k.macroId && p.rate !== null),
    );
  const shown = keys.filter(inHistory).slice(0, PALETTE.length);
  if (shown.length === 0) return "";
  const W = 360;
  const H = 180;
  const pad = 28;
  const series = shown.map((k) =>
    history.map((h) => h.pairs.find((p) => p.microId === k.microId && p.macroId === k.macroId)?.rate ?? null),
  );
  const maxRate = Math.max(0.01, ...series.flat().filter((v): v is number => v !== null));
  const x = (i: number) => pad + (i / (history.length - 1)) * (W - 2 * pad);
  const y = (v: number) => H - pad - (v / maxRate) * (H - 2 * pad);
  const legendH = shown.length * 16;
  const parts = [
    `<svg class="chart" viewBox="0 0 ${W} ${H + legendH}" role="img" aria-label="Conversion after micro goal over time">`,
  ];
  parts.push(`<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/>`);
  parts.push(`<text x="${pad}" y="${H - pad + 14}" class="lbl">${escapeXml(history[0].at)}</text>`);
  parts.push(
    `<text x="${W - pad}" y="${H - pad + 14}" class="lbl" text-anchor="end">${escapeXml(history.at(-1)!.at)}</text>`,
  );
  parts.push(`<text x="2" y="${pad - 6}" class="lbl">${pct(maxRate)}</text>`);
  series.forEach((values, s) => {
    const pts = values.flatMap((v, i) => (v === null ? [] : [`${r1(x(i))},${r1(y(v))}`]));
    if (pts.length > 0)
      parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${PALETTE[s]}" stroke-width="2"/>`);
    const k = shown[s];
    parts.push(`<rect x="${pad}" y="${H + s * 16}" width="10" height="10" fill="${PALETTE[s]}"/>`);
    parts.push(
      `<text x="${pad + 16}" y="${H + s * 16 + 9}" class="lbl">${escapeXml(`${k.microId} → ${k.macroId}`)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
