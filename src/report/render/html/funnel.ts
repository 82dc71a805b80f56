// A funnel as horizontal bars (width ∝ users at each step) with the step conversion and drop-off
// between steps; the narrowest step is marked in words as well as in colour.
import type { FunnelAnalysis } from "../../analysis.js";
import { count, duration, pct } from "../figures.js";
import { openFunnelNote, throughCell, throughSentence } from "../funnel-through-text.js";
import { rateCell } from "./ranking.js";
import { escapeXml as esc } from "./svg-charts.js";

export function funnelSection(f: FunnelAnalysis): string {
  const max = Math.max(1, ...f.steps.map((s) => s.users));
  const out = [
    `<section class="funnel-box"><h2>Funnel: ${esc(f.title)}</h2>`,
    `<p class="meta"><code>${esc(f.id)}</code> · ${f.open ? "open (users may enter at any step)" : "closed"} · each step within ${duration(f.windowSeconds)}</p>`,
    throughParagraph(f),
    '<ol class="funnel">',
  ];
  f.steps.forEach((s, i) => {
    if (i > 0) {
      const hot = f.bottleneck?.stepIndex === i;
      const conv = s.stepConversion ? `${rateCell(s.stepConversion)} continued` : "step conversion unknown";
      const drop = s.dropOff === null ? "" : ` · ${count(s.dropOff)} dropped off`;
      out.push(
        `<li class="conv${hot ? " hot" : ""}"><span aria-hidden="true">↓</span> ${conv}${drop}${hot ? ' <span class="badge hot">▼ bottleneck</span>' : ""}</li>`,
      );
    }
    const width = s.noData ? 0 : (100 * s.users) / max;
    const entered = s.entered ? ` (${count(s.entered)} entered here)` : "";
    const figures = s.noData
      ? '<span class="nodata">✕ no data — check its trigger</span>'
      : `<b>${count(s.users)}</b> users${entered}${i > 0 ? ` · ${throughCell(s)} of first-step users came through` : ""}`;
    out.push(
      `<li class="step${s.noData ? " nodata" : ""}"><div class="step-head"><span>${i + 1}. ${esc(s.title)} <code>${esc(s.goalId)}</code></span><span>${figures}</span></div><div class="bar"><span style="width:${width.toFixed(1)}%"></span></div></li>`,
    );
  });
  out.push("</ol></section>");
  return out.join("\n");
}

/** The through-funnel conversion, named, and for an open funnel why last ÷ first is not it. */
function throughParagraph(f: FunnelAnalysis): string {
  const t = f.throughConversion;
  const headline =
    t === null || t.rate === null
      ? esc(throughSentence(f))
      : `Through the funnel: ${f.throughEstimated ? `<b>≈${pct(t.rate)}</b>` : rateCell(t)} <small>${esc(throughSentence(f).replace(/^[^\u2014]*\u2014 /, ""))}</small>`;
  const open = openFunnelNote(f);
  return `<p class="through">${headline}${open ? `<small>${esc(open)}.</small>` : ""}</p>`;
}
