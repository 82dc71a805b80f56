// Inline SVG charts for the HTML report: no script, no external resource, sized by viewBox so
// they scale with the page. Coordinates are rounded so output is byte-stable.
import type { HistoryPoint, PairAnalysis } from "../../analysis.js";
import { liftFigure, pct, zeroCellNote } from "../figures.js";
import { liftAxis } from "./lift-axis.js";

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const r1 = (x: number) => x.toFixed(1);
/** Rough widths of a 13-unit system-ui glyph, to truncate labels before they run into the plot. */
const CHAR = 7.4;
const FIG_CHAR = 8.3; // 600-weight digits and "%" run wider than the label font

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/** Colour, dot fill and text marker of a pair: significance is never shown by colour alone. */
export function pairMark(p: PairAnalysis): { colour: string; filled: boolean; marker: string } {
  if (p.status === "too-few-users") return { colour: "#8a8a8a", filled: false, marker: "?" };
  if (!p.significant) return { colour: "#1565c0", filled: false, marker: "" };
  // relative null = nobody converted without the micro goal: an infinite observed lift, so "up"
  return (p.lift?.relative ?? 0) >= 0
    ? { colour: "#2e7d32", filled: true, marker: "✓" }
    : { colour: "#c62828", filled: true, marker: "✓" };
}

const OPEN_ROOM = 2;

/**
 * Lift with 95% interval whiskers on a log-ratio axis (so +100% and −50% look equally far).
 * "wide": one row per pair, labels left and whiskers right (desktop, print); "stacked": label
 * line above each whisker (phone). The page shows one of the two by CSS media query.
 */
export function liftForest(pairs: PairAnalysis[], layout: "wide" | "stacked" = "wide"): string {
  const rows = pairs.filter((p) => p.lift);
  if (rows.length === 0) return "";
  const wide = layout === "wide";
  const W = wide ? 1000 : 400;
  const plotLeft = wide ? 480 : 24;
  const plotRight = W - 24;
  const rowH = wide ? 28 : 46;
  const top = 6;
  // Only finite bounds and points shape the axis: an open end (no conversions in one group) is
  // drawn as an arrow to the plot's edge instead of stretching the scale for every other pair,
  // with room (a factor OPEN_ROOM past the finite bound) so the arrow has a visible length.
  const axis = liftAxis(
    rows.flatMap((p) => {
      const l = p.lift!;
      const finite = [l.low, l.high, l.relative].flatMap((v) => (v === null || v <= -1 ? [] : [1 + v]));
      if (l.high === null) finite.push((1 + l.low) * OPEN_ROOM);
      if (l.low <= -1 && l.high !== null) finite.push((1 + l.high) / OPEN_ROOM);
      return finite;
    }),
    plotLeft,
    plotRight,
    wide ? 58 : 44,
  );
  const plotBottom = top + rows.length * rowH;
  const h = plotBottom + 42;
  const parts = [
    `<svg class="chart forest ${layout}" viewBox="0 0 ${W} ${h}" role="img" aria-label="Lift of each micro goal with its 95% interval; 0% means no lift">`,
  ];
  // Stripes first so grid lines and the no-lift line stay visible across every row.
  if (wide)
    for (let i = 0; i < rows.length; i += 2)
      parts.push(`<rect x="0" y="${top + i * rowH}" width="${W}" height="${rowH}" fill="#f4f6f8"/>`);
  for (const t of axis.ticks) {
    const tx = r1(axis.x(t.ratio));
    const zero = t.ratio === 1;
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${plotBottom + 4}" stroke="${zero ? "#444" : "#e3e3e3"}"${zero ? ' stroke-dasharray="4 3"' : ""}/>`,
      `<text x="${tx}" y="${plotBottom + 18}" class="tick${zero ? " zero" : ""}" text-anchor="middle">${escapeXml(t.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${plotLeft}" y1="${plotBottom + 4}" x2="${plotRight}" y2="${plotBottom + 4}" stroke="#999"/>`,
    `<text x="${r1((plotLeft + plotRight) / 2)}" y="${plotBottom + 36}" class="axis" text-anchor="middle">${wide ? "lift vs users who never did the micro goal (log scale; dashed line = no lift)" : "lift, log scale · dashed line = no lift"}</text>`,
  );
  rows.forEach((p, i) => {
    const y = top + i * rowH;
    const l = p.lift!;
    const m = pairMark(p);
    const figure = `${liftFigure(l)}${m.marker ? ` ${m.marker}` : ""}`;
    const name = `${p.microId} → ${p.macroId}`;
    const cy = wide ? y + rowH / 2 : y + 32;
    const labelY = wide ? cy + 4 : y + 14;
    // −100% (nobody converted after the micro goal) is at −∞ on a log axis: open to the left.
    const openLeft = l.low <= -1;
    const openRight = l.high === null;
    const x1 = r1(openLeft ? plotLeft : axis.x(1 + l.low));
    const x2 = r1(openRight ? plotRight : axis.x(1 + l.high!));
    // Wide: figure right-aligned before the plot. Stacked: beside the whisker where it fits,
    // else at the end of the label line.
    const figW = figure.length * FIG_CHAR;
    let fig = { x: plotLeft - 14, y: labelY, anchor: "end" };
    if (!wide) {
      if (plotRight - Number(x2) >= figW + 8) fig = { x: Number(x2) + 8, y: cy + 4, anchor: "start" };
      else if (Number(x1) - plotLeft >= figW + 8) fig = { x: Number(x1) - 8, y: cy + 4, anchor: "end" };
      else fig = { x: W - 4, y: labelY, anchor: "end" };
    }
    const labelEnd = fig.y === labelY ? fig.x - figW - 12 : W - 4;
    const room = Math.floor((labelEnd - 4) / CHAR);
    parts.push(
      `<text x="4" y="${labelY}" class="lbl"><title>${escapeXml(name)}</title>${escapeXml(clip(name, room))}</text>`,
      `<text x="${r1(fig.x)}" y="${fig.y}" class="fig" text-anchor="${fig.anchor}" fill="${m.colour}">${escapeXml(figure)}</text>`,
    );
    const note = zeroCellNote(p);
    const fill = m.filled ? m.colour : "#fff";
    parts.push(
      `<g class="whisker${openLeft || openRight ? " open" : ""}">${note ? `<title>${escapeXml(`${name}: ${note}`)}</title>` : ""}`,
      `<line x1="${x1}" y1="${cy}" x2="${x2}" y2="${cy}" stroke="${m.colour}" stroke-width="2.5"/>`,
      openLeft ? arrowHead(Number(x1), cy, -1, m.colour, fill) : cap(x1, cy, m.colour),
      openRight ? arrowHead(Number(x2), cy, 1, m.colour, fill) : cap(x2, cy, m.colour),
    );
    // The dot only where the observed lift is on the axis (not −100%, not infinite).
    if (l.relative !== null && l.relative > -1)
      parts.push(
        `<circle cx="${r1(axis.x(1 + l.relative))}" cy="${cy}" r="5" fill="${fill}" stroke="${m.colour}" stroke-width="2.5"/>`,
      );
    parts.push("</g>");
  });
  parts.push("</svg>");
  return parts.join("");
}

function cap(x: string, cy: number, colour: string): string {
  return `<line x1="${x}" y1="${cy - 6}" x2="${x}" y2="${cy + 6}" stroke="${colour}" stroke-width="2.5"/>`;
}

/** An arrowhead with its tip at x, pointing left (−1) or right (1): the interval goes on. */
function arrowHead(x: number, cy: number, dir: -1 | 1, colour: string, fill: string): string {
  const back = r1(x - dir * 11);
  return `<path class="arrow" d="M${back} ${cy - 6}L${r1(x)} ${cy}L${back} ${cy + 6}Z" fill="${fill}" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`;
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
  const legendH = shown.length * 18 + 6;
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
    const ly = H + 8 + s * 18;
    parts.push(`<rect x="${padL}" y="${ly}" width="12" height="12" rx="2" fill="${PALETTE[s]}"/>`);
    parts.push(
      `<text x="${padL + 18}" y="${ly + 10}" class="lbl">${escapeXml(`${k.microId} → ${k.macroId}`)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
