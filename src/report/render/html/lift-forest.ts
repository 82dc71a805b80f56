// The lift chart: lift with 95% interval whiskers on a log-ratio axis (so +100% and −50% look
// equally far), one row per pair, labelled with the goals' titles as the table is (ids on hover).
// "wide": labels left of the plot, whiskers right (desktop, print); "stacked": the label above its
// whisker (phone). The page shows one of the two by CSS media query. Labels wrap, never cut, and no
// grid line crosses them: in the stacked layout the grid is drawn in each row's whisker band only.
import type { PairAnalysis } from "../../analysis.js";
import { liftFigure, zeroCellNote } from "../figures.js";
import { liftAxis } from "./lift-axis.js";
import { escapeXml, pairMark } from "./svg-charts.js";
import { CHAR, FIG_CHAR, wrapText } from "./svg-text.js";

const r1 = (x: number) => x.toFixed(1);
const OPEN_ROOM = 2;
const LINE = 16; // label line height
const BAND = 9; // half the height of a whisker's band

interface Row {
  p: PairAnalysis;
  y: number;
  h: number;
  cy: number;
  labels: { x: number; y: number; text: string }[];
  fig: { x: number; y: number; anchor: "start" | "end"; text: string };
}

export function liftForest(pairs: PairAnalysis[], layout: "wide" | "stacked" = "wide"): string {
  const shown = pairs.filter((p) => p.lift);
  if (shown.length === 0) return "";
  const wide = layout === "wide";
  const W = wide ? 1000 : 400;
  const plotLeft = wide ? 480 : 24;
  const plotRight = W - 24;
  const top = 6;
  // Only finite bounds and points shape the axis: an open end (no conversions in one group) is
  // drawn as an arrow to the plot's edge instead of stretching the scale for every other pair,
  // with room (a factor OPEN_ROOM past the finite bound) so the arrow has a visible length.
  const axis = liftAxis(
    shown.flatMap((p) => {
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
  const ends = (p: PairAnalysis) => {
    const l = p.lift!;
    return {
      x1: l.low <= -1 ? plotLeft : axis.x(1 + l.low),
      x2: l.high === null ? plotRight : axis.x(1 + l.high),
    };
  };

  let y = top;
  const rows: Row[] = shown.map((p) => {
    const m = pairMark(p);
    const figure = `${liftFigure(p.lift!)}${m.marker ? ` ${m.marker}` : ""}`;
    const figW = figure.length * FIG_CHAR;
    const title = `${p.microTitle} → ${p.macroTitle}`;
    const row = wide
      ? wideRow(title, figure, figW, plotLeft, y)
      : stackedRow(title, figure, figW, W, y, ends(p));
    y += row.h;
    return { p, ...row };
  });
  const plotBottom = y;
  const h = plotBottom + 42;
  const parts = [
    `<svg class="chart forest ${layout}" viewBox="0 0 ${W} ${h}" role="img" aria-label="Lift of each micro goal with its 95% interval; 0% means no lift">`,
  ];
  // Stripes first so grid lines and the no-lift line stay visible across every row.
  if (wide)
    rows.forEach((r, i) => {
      if (i % 2 === 0)
        parts.push(`<rect x="0" y="${r1(r.y)}" width="${W}" height="${r1(r.h)}" fill="#f4f6f8"/>`);
    });
  // Wide: one line per tick through the plot (labels are left of it). Stacked: a segment per row,
  // in its whisker band, so no line runs through a label.
  // A segment also gives way to a figure drawn beside the whisker.
  type Band = { from: number; to: number; skip: { x1: number; x2: number } | null };
  const bands: Band[] = wide
    ? [{ from: top - 4, to: plotBottom + 4, skip: null }]
    : rows.map((r) => ({
        from: r.cy - BAND,
        to: r.cy + BAND,
        skip: r.fig.y > r.cy - BAND ? figBox(r.fig) : null,
      }));
  for (const t of axis.ticks) {
    const tx = r1(axis.x(t.ratio));
    const zero = t.ratio === 1;
    const clear = (b: Band) => !b.skip || axis.x(t.ratio) < b.skip.x1 || axis.x(t.ratio) > b.skip.x2;
    for (const b of bands.filter(clear))
      parts.push(
        `<line class="grid" x1="${tx}" y1="${r1(b.from)}" x2="${tx}" y2="${r1(b.to)}" stroke="${zero ? "#444" : "#d6d6d6"}"${zero ? ' stroke-dasharray="4 3"' : ""}/>`,
      );
    parts.push(
      `<text x="${tx}" y="${plotBottom + 18}" class="tick${zero ? " zero" : ""}" text-anchor="middle">${escapeXml(t.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${plotLeft}" y1="${plotBottom + 4}" x2="${plotRight}" y2="${plotBottom + 4}" stroke="#999"/>`,
    `<text x="${r1((plotLeft + plotRight) / 2)}" y="${plotBottom + 36}" class="axis" text-anchor="middle">${wide ? "lift vs users who never did the micro goal (log scale; dashed line = no lift)" : "lift, log scale · dashed line = no lift"}</text>`,
  );
  for (const r of rows) parts.push(...whiskerRow(r, ends(r.p), axis.x));
  parts.push("</svg>");
  return parts.join("");
}

/**
 * Wide: label lines left of the plot, the figure right-aligned before the plot on the label's last
 * line where it fits, else on a line of its own; the whisker in the plot, centred on the row.
 */
function wideRow(title: string, figure: string, figW: number, plotLeft: number, y: number): Omit<Row, "p"> {
  const figX = plotLeft - 14;
  const lines = wrapText(title, (figX - 4) / CHAR);
  const lastEnd = 4 + [...(lines.at(-1) ?? "")].length * CHAR;
  const ownLine = lastEnd + 12 + figW > figX;
  const count = lines.length + (ownLine ? 1 : 0);
  const h = Math.max(28, 12 + count * LINE);
  const cy = y + h / 2;
  const first = cy + 4 - ((count - 1) * LINE) / 2;
  return {
    y,
    h,
    cy,
    labels: lines.map((text, i) => ({ x: 4, y: first + i * LINE, text })),
    fig: { x: figX, y: first + (count - 1) * LINE, anchor: "end", text: figure },
  };
}

/**
 * Stacked: label lines across the full width, then the whisker; the figure beside the whisker where
 * it fits, else on a line of its own between label and whisker.
 */
function stackedRow(
  title: string,
  figure: string,
  figW: number,
  W: number,
  y: number,
  e: { x1: number; x2: number },
): Omit<Row, "p"> {
  const lines = wrapText(title, (W - 8) / CHAR);
  const labels = lines.map((text, i) => ({ x: 4, y: y + 14 + i * LINE, text }));
  const below = y + 14 + (lines.length - 1) * LINE;
  const plotLeft = 24;
  const plotRight = W - 24;
  let cy = below + 18;
  let fig: Row["fig"];
  if (plotRight - e.x2 >= figW + 8) fig = { x: e.x2 + 8, y: cy + 4, anchor: "start", text: figure };
  else if (e.x1 - plotLeft >= figW + 8) fig = { x: e.x1 - 8, y: cy + 4, anchor: "end", text: figure };
  else {
    fig = { x: W - 4, y: below + LINE, anchor: "end", text: figure };
    cy += LINE;
  }
  return { y, h: cy + BAND + 6 - y, cy, labels, fig };
}

function whiskerRow(r: Row, e: { x1: number; x2: number }, x: (ratio: number) => number): string[] {
  const p = r.p;
  const l = p.lift!;
  const m = pairMark(p);
  const ids = `${p.microId} → ${p.macroId}`;
  const parts = [
    `<text class="lbl"><title>${escapeXml(ids)}</title>${r.labels.map((t) => `<tspan x="${t.x}" y="${r1(t.y)}">${escapeXml(t.text)}</tspan>`).join("")}</text>`,
    `<text x="${r1(r.fig.x)}" y="${r1(r.fig.y)}" class="fig" text-anchor="${r.fig.anchor}" fill="${m.colour}">${escapeXml(r.fig.text)}</text>`,
  ];
  // −100% (nobody converted after the micro goal) is at −∞ on a log axis: open to the left.
  const openLeft = l.low <= -1;
  const openRight = l.high === null;
  const x1 = r1(e.x1);
  const x2 = r1(e.x2);
  const cy = r1(r.cy);
  const note = zeroCellNote(p);
  const fill = m.filled ? m.colour : "#fff";
  parts.push(
    `<g class="whisker${openLeft || openRight ? " open" : ""}">${note ? `<title>${escapeXml(`${ids}: ${note}`)}</title>` : ""}`,
    `<line x1="${x1}" y1="${cy}" x2="${x2}" y2="${cy}" stroke="${m.colour}" stroke-width="2.5"/>`,
    openLeft ? arrowHead(e.x1, r.cy, -1, m.colour, fill) : cap(x1, r.cy, m.colour),
    openRight ? arrowHead(e.x2, r.cy, 1, m.colour, fill) : cap(x2, r.cy, m.colour),
  );
  // The dot only where the observed lift is on the axis (not −100%, not infinite).
  if (l.relative !== null && l.relative > -1)
    parts.push(
      `<circle cx="${r1(x(1 + l.relative))}" cy="${cy}" r="5" fill="${fill}" stroke="${m.colour}" stroke-width="2.5"/>`,
    );
  parts.push("</g>");
  return parts;
}

/** The x extent of a figure, with a margin. */
function figBox(f: Row["fig"]): { x1: number; x2: number } {
  const w = f.text.length * FIG_CHAR;
  return f.anchor === "start" ? { x1: f.x - 4, x2: f.x + w + 4 } : { x1: f.x - w - 4, x2: f.x + 4 };
}

function cap(x: string, cy: number, colour: string): string {
  return `<line x1="${x}" y1="${r1(cy - 6)}" x2="${x}" y2="${r1(cy + 6)}" stroke="${colour}" stroke-width="2.5"/>`;
}

/** An arrowhead with its tip at x, pointing left (−1) or right (1): the interval goes on. */
function arrowHead(x: number, cy: number, dir: -1 | 1, colour: string, fill: string): string {
  const back = r1(x - dir * 11);
  return `<path class="arrow" d="M${back} ${r1(cy - 6)}L${r1(x)} ${r1(cy)}L${back} ${r1(cy + 6)}Z" fill="${fill}" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`;
}
