// The breakdown in HTML: the segment × micro-goal table, each cell coloured by lift (green up, red
// down, stronger for larger lifts, pale unless significant) with the significance mark in text too,
// so colour is never the only signal; each segment's macro rate with its interval beside it.
import type { Analysis, PairAnalysis } from "../../analysis.js";
import {
  breakdownNotes,
  breakdownTitle,
  liftCell,
  milestonePairs,
  PREDICTION_HEADER,
  pairColumns,
  pairOf,
  predictionRows,
  segmentLabel,
} from "../breakdown-cells.js";
import { count } from "../figures.js";
import { rateCell } from "./ranking.js";
import { escapeXml as esc } from "./svg-charts.js";
import { htmlTable } from "./table.js";

export function breakdownSection(a: Analysis): string {
  const b = a.breakdown;
  if (!b) return "";
  const cols = pairColumns(b, milestonePairs(a));
  const macro = b.segments[0]?.macro?.goalId ?? "macro";
  const out = [`<section><h2>${esc(breakdownTitle(b))}</h2>`];
  for (const l of breakdownNotes(a)) out.push(`<p class="info">${esc(l)}</p>`);
  out.push(
    htmlTable(
      [
        { label: "Segment", card: "title" },
        { label: "Users", num: true },
        { label: `${macro} rate` },
        ...cols.map((c) => ({ label: c.label, num: true })),
      ],
      b.segments.map((s) => [
        esc(segmentLabel(s)),
        count(s.totalUsers),
        s.macro ? rateCell(s.macro.rate) : "—",
        ...cols.map((c) => liftHtml(pairOf(s, c))),
      ]),
    ),
  );
  const pred = predictionRows(b);
  if (pred) {
    out.push(`<h3>${esc(pred.title)}</h3>`, `<p class="info">${esc(pred.note)}</p>`);
    out.push(
      htmlTable(
        PREDICTION_HEADER.map((label, i) => (i === 0 ? { label, card: "title" } : { label, num: i === 1 })),
        pred.rows.map((r) => r.map(esc)),
      ),
    );
  }
  out.push("</section>");
  return out.join("\n");
}

/** A lift cell's background: hue by direction, opacity by size (×10 or ÷10 is full), pale if not significant. */
export function liftColour(p: PairAnalysis | undefined): string | null {
  if (!p?.lift || p.status === "no-data") return null;
  const ratio = p.lift.relative === null ? 10 : 1 + p.lift.relative;
  const size = ratio <= 0 ? 1 : Math.min(1, Math.abs(Math.log10(ratio)));
  const alpha = (p.significant ? 0.25 + 0.6 * size : 0.08 + 0.12 * size).toFixed(2);
  return ratio >= 1 ? `rgba(46,125,50,${alpha})` : `rgba(198,40,40,${alpha})`;
}

function liftHtml(p: PairAnalysis | undefined): string {
  const colour = liftColour(p);
  const text = esc(liftCell(p));
  if (!colour) return `<span class="nodata-lift">${text}</span>`;
  const tip = p?.qValue === null || p?.qValue === undefined ? "" : ` title="q = ${p.qValue.toPrecision(2)}"`;
  const body = p?.significant ? `<b>${text}</b>` : text;
  return `<span style="display:block;padding:2px 6px;border-radius:3px;background:${colour}"${tip}>${body}</span>`;
}
