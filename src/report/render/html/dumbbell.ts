// Crude vs adjusted, one dumbbell per pair: a hollow dot at the crude lift, a filled dot at the
// adjusted effect with its 95% interval, joined by a line, on the lift chart's log-ratio axis. A
// long bar is a pair whose association is mostly who the users already were.
import type { PairAnalysis } from "../../analysis.js";
import { liftAxis } from "./lift-axis.js";
import { escapeXml } from "./svg-charts.js";

const r1 = (x: number) => x.toFixed(1);

export function dumbbellChart(pairs: PairAnalysis[]): string {
  const rows = pairs.filter(
    (p) =>
      p.lift?.relative !== null &&
      p.lift?.relative !== undefined &&
      p.adjusted?.lift.relative !== null &&
      p.adjusted?.lift.relative !== undefined,
  );
  if (rows.length === 0) return "";
  const W = 1000;
  const left = 420;
  const right = W - 24;
  const rowH = 28;
  const axis = liftAxis(
    rows.flatMap((p) => {
      const a = p.adjusted!.lift;
      return [1 + p.lift!.relative!, 1 + a.relative!, 1 + (a.low ?? 0), 1 + (a.high ?? 0)].filter(
        (v) => v > 0,
      );
    }),
    left,
    right,
    58,
  );
  const bottom = 6 + rows.length * rowH;
  const parts = [
    `<svg class="chart dumbbell" viewBox="0 0 ${W} ${bottom + 40}" role="img" aria-label="Crude lift (hollow) and adjusted effect (filled, with 95% interval) of each secondary action">`,
  ];
  for (const t of axis.ticks) {
    const x = r1(axis.x(t.ratio));
    const zero = t.ratio === 1;
    parts.push(
      `<line x1="${x}" y1="2" x2="${x}" y2="${bottom + 4}" stroke="${zero ? "#444" : "#e3e3e3"}"${zero ? ' stroke-dasharray="4 3"' : ""}/>`,
      `<text x="${x}" y="${bottom + 18}" class="tick" text-anchor="middle">${escapeXml(t.label)}</text>`,
    );
  }
  parts.push(
    `<text x="${r1((left + right) / 2)}" y="${bottom + 34}" class="axis" text-anchor="middle">hollow = crude lift, filled = adjusted effect with 95% interval (log scale)</text>`,
  );
  rows.forEach((p, i) => {
    const cy = 6 + i * rowH + rowH / 2;
    const a = p.adjusted!;
    const colour = a.significant ? ((a.lift.relative ?? 0) >= 0 ? "#2e7d32" : "#c62828") : "#1565c0";
    const xc = r1(axis.x(1 + p.lift!.relative!));
    const xa = r1(axis.x(1 + a.lift.relative!));
    parts.push(
      `<text x="4" y="${cy + 4}" class="lbl">${escapeXml(`${p.microId} → ${p.macroId}`)}</text>`,
      `<line x1="${xc}" y1="${cy}" x2="${xa}" y2="${cy}" stroke="#9e9e9e" stroke-width="2"/>`,
      `<line x1="${r1(axis.x(1 + (a.lift.low ?? 0)))}" y1="${cy}" x2="${r1(axis.x(1 + (a.lift.high ?? 0)))}" y2="${cy}" stroke="${colour}" stroke-width="4" opacity="0.45"/>`,
      `<circle cx="${xc}" cy="${cy}" r="5" fill="#fff" stroke="#616161" stroke-width="2"><title>${escapeXml(`crude ${p.microId} → ${p.macroId}`)}</title></circle>`,
      `<circle cx="${xa}" cy="${cy}" r="6" fill="${colour}"><title>${escapeXml(`adjusted ${p.microId} → ${p.macroId}`)}</title></circle>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
