// Inline SVG charts for the HTML report: no script, no external resource, sized by viewBox so
// they scale with the page. Coordinates are rounded so output is byte-stable.
import type { HistoryPoint, PairAnalysis } from "../../analysis.js";
import { pct } from "../figures.js";
import { wrapText } from "./svg-text.js";

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const r1 = (x: number) => x.toFixed(1);
/** Colour, dot fill and text marker of a pair: significance is never shown by colour alone. */
export function pairMark(p: PairAnalysis): { colour: string; filled: boolean; marker: string } {
  if (p.status === "too-few-users") return { colour: "#8a8a8a", filled: false, marker: "?" };
  if (!p.significant) return { colour: "#1565c0", filled: false, marker: "" };
  // relative null = nobody converted without the micro goal: an infinite observed lift, so "up"
  return (p.lift?.relative ?? 0) >= 0
    ? { colour: "#2e7d32", filled: true, marker: "✓" }
    : { colour: "#c62828", filled: true, marker: "✓" };
}

/** A pair to chart; the legend names it by its goals' titles, as the table does (ids on hover). */
export interface TrendKey {
  microId: string;
  macroId: string;
  microTitle?: string;
  macroTitle?: string;
}

const PALETTE = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#c62828"];

/** Rate after micro over time for the given pairs (at most six lines); "" with fewer than 2 points. */
export function trendLines(history: HistoryPoint[], keys: TrendKey[]): string {
  if (history.length < 2 || keys.length === 0) return "";
  const inHistory = (k: { microId: string; macroId: string }) =>
    history.some((h) =>
      h.pairs.some((p) => p.microId === k.microId && p.macroId === k.macroId && p.rate !== null),
    );
  const shown = keys.filter(inHistory).slice(0, PALETTE.length);
  if (shown.length === 0) return "";
  const W = 520;
  const H = 200;
  const padL = 60;
  const padR = 16;
  const padY = 16;
  const series = shown.map((k) =>
    history.map((h) => h.pairs.find((p) => p.microId === k.microId && p.macroId === k.macroId)?.rate ?? null),
  );
  const maxRate = Math.max(0.01, ...series.flat().filter((v): v is number => v !== null));
  const x = (i: number) => padL + (i / (history.length - 1)) * (W - padL - padR);
  const y = (v: number) => H - 24 - (v / maxRate) * (H - 24 - padY);
  // Legend lines wrap (16 units on a phone, about 9.2 wide per glyph) instead of running off the chart.
  const legend = shown.map((k) =>
    wrapText(`${k.microTitle ?? k.microId} → ${k.macroTitle ?? k.macroId}`, (W - padL - 18 - 4) / 9.2),
  );
  const legendTop = legend.map((_, s) => legend.slice(0, s).reduce((sum, l) => sum + l.length * 18, 0));
  const legendH = legend.reduce((sum, l) => sum + l.length * 18, 0) + 6;
  const parts = [
    `<svg class="chart trend" viewBox="0 0 ${W} ${H + legendH}" role="img" aria-label="Conversion after micro goal over time">`,
  ];
  for (const f of [0, 0.5, 1]) {
    const gy = r1(y(maxRate * f));
    parts.push(
      `<line x1="${padL}" y1="${gy}" x2="${W - padR}" y2="${gy}" stroke="${f === 0 ? "#999" : "#e3e3e3"}"/>`,
      `<text x="${padL - 6}" y="${r1(y(maxRate * f) + 4)}" class="tick" text-anchor="end">${pct(maxRate * f)}</text>`,
    );
  }
  // Every date when they fit, else the first and last only.
  const every = history.length <= 6;
  history.forEach((h, i) => {
    if (!every && i !== 0 && i !== history.length - 1) return;
    const anchor = i === 0 ? "start" : i === history.length - 1 ? "end" : "middle";
    parts.push(
      `<text x="${r1(x(i))}" y="${H - 6}" class="tick" text-anchor="${anchor}">${escapeXml(h.at)}</text>`,
    );
  });
  series.forEach((values, s) => {
    const pts = values.flatMap((v, i) => (v === null ? [] : [`${r1(x(i))},${r1(y(v))}`]));
    if (pts.length > 0)
      parts.push(
        `<polyline points="${pts.join(" ")}" fill="none" stroke="${PALETTE[s]}" stroke-width="2.5"/>`,
      );
    for (const pt of pts) {
      const [cx, cy] = pt.split(",");
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${PALETTE[s]}"/>`);
    }
    const k = shown[s];
    const ly = H + 8 + legendTop[s];
    parts.push(`<rect x="${padL}" y="${ly}" width="12" height="12" rx="2" fill="${PALETTE[s]}"/>`);
    const lines = legend[s].map(
      (t, i) => `<tspan x="${padL + 18}" y="${ly + 10 + i * 18}">${escapeXml(t)}</tspan>`,
    );
    parts.push(
      `<text class="lbl"><title>${escapeXml(`${k.microId} → ${k.macroId}`)}</title>${lines.join("")}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
