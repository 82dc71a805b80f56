// HTML: one self-contained file (inline CSS and SVG, no script, no CDN), readable on a phone:
// single column, wide tables scroll sideways inside their own box.
import type { Analysis } from "../analysis.js";
import { caveatLines } from "./caveat-lines.js";
import { pathBlocks, timeExplanation, timeHeading, timeRows } from "./export-sections.js";
import { count, duration, lift, money, pct, pValue, rate, verdict } from "./figures.js";
import { escapeXml as esc, funnelBars, liftForest, trendLines } from "./svg-charts.js";
import { header } from "./table.js";

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
main{max-width:960px;margin:0 auto;padding:12px}
h1{font-size:1.25rem;margin:.4em 0}h2{font-size:1.1rem;margin:1.4em 0 .4em}
.meta{color:#555;font-size:.9rem}
.warn{background:#fff3e0;border-left:4px solid #ef6c00;padding:6px 10px;margin:6px 0}
.info{color:#555;font-size:.85rem;margin:4px 0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;font-size:.85rem;min-width:100%}
th,td{padding:4px 6px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}
.sig{color:#2e7d32;font-weight:600}.few{color:#8d6e00}.nodata{color:#c62828;font-weight:600}
.chart{width:100%;max-width:560px;height:auto;display:block;margin:8px 0}
.lbl{font:11px system-ui,sans-serif;fill:#333}
`;

export function renderHtml(a: Analysis): string {
  const lines = caveatLines(a);
  const out: string[] = [];
  out.push("<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(
    `<title>${esc(`Micro-conversion report — ${a.project}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
  );
  out.push("<body><main>", `<h1>Micro-conversion report</h1>`, `<p class="meta">${esc(header(a))}</p>`);
  for (const w of lines.filter((l) => l.level === "warning"))
    out.push(`<p class="warn">⚠ ${esc(w.text)}</p>`);

  out.push("<h2>Which small steps matter most</h2>");
  out.push(
    '<p class="info">P(macro within the window after the micro goal) vs P(macro | never did the micro goal), 95% intervals; q = Benjamini–Hochberg adjusted p-value.</p>',
  );
  out.push(liftForest(a.ranking.map((i) => a.pairs[i])));
  out.push('<div class="scroll"><table><thead><tr>');
  for (const h of [
    "#",
    "Micro goal",
    "Macro goal",
    "After micro",
    "Baseline",
    "Lift [95% CI]",
    "q",
    "φ",
    "Value / micro",
    "Verdict",
  ]) {
    out.push(`<th>${h}</th>`);
  }
  out.push("</tr></thead><tbody>");
  for (const i of a.ranking) {
    const p = a.pairs[i];
    const cls =
      p.status === "no-data" ? "nodata" : p.status === "too-few-users" ? "few" : p.significant ? "sig" : "";
    out.push(
      "<tr>",
      `<td class="num">${p.rank ?? "–"}</td>`,
      `<td>${esc(p.microTitle)}<br><code>${esc(p.microId)}</code></td>`,
      `<td>${esc(p.macroTitle)} (${duration(p.windowSeconds)})</td>`,
      `<td class="num">${esc(rate(p.afterMicro))}</td>`,
      `<td class="num">${esc(rate(p.baseline))}</td>`,
      `<td class="num">${esc(lift(p.lift))}</td>`,
      `<td class="num">${pValue(p.qValue)}</td>`,
      `<td class="num">${p.phi === null ? "—" : p.phi.toFixed(3)}</td>`,
      `<td class="num">${esc(money(p.valuePerMicro, a.currency))}</td>`,
      `<td class="${cls}">${esc(verdict(p, a.alpha))}</td>`,
      "</tr>",
    );
  }
  out.push("</tbody></table></div>");
  out.push(
    '<p class="info">Value / micro = (rate after micro − baseline) × macro value: an association, not causation.</p>',
  );

  const trend = trendLines(
    a.history,
    a.ranking.map((i) => a.pairs[i]).filter((p) => p.status !== "no-data"),
  );
  if (trend) out.push("<h2>Trend</h2>", trend);

  for (const f of a.funnels) {
    out.push(`<h2>Funnel: ${esc(f.title)}</h2>`);
    out.push(
      `<p class="meta"><code>${esc(f.id)}</code> · ${f.open ? "open" : "closed"} · each step within ${duration(f.windowSeconds)} · overall ${esc(rate(f.overallConversion))}</p>`,
    );
    out.push(funnelBars(f));
    out.push(
      '<div class="scroll"><table><thead><tr><th>Step</th><th>Users</th><th>Step conversion</th><th>Of first step</th><th>Drop-off</th></tr></thead><tbody>',
    );
    for (const s of f.steps) {
      out.push(
        `<tr><td${s.noData ? ' class="nodata"' : ""}>${esc(s.title)}${s.noData ? " — no data: check its trigger" : ""}</td>`,
        `<td class="num">${count(s.users)}${s.entered ? ` (${count(s.entered)} entered here)` : ""}</td>`,
        `<td class="num">${s.stepConversion ? esc(rate(s.stepConversion)) : "—"}</td>`,
        `<td class="num">${pct(s.overallConversion.rate)}</td>`,
        `<td class="num">${s.dropOff === null ? "—" : count(s.dropOff)}</td></tr>`,
      );
    }
    out.push("</tbody></table></div>");
    if (f.bottleneck) {
      out.push(
        `<p>Bottleneck: <code>${esc(f.bottleneck.fromGoalId)}</code> → <code>${esc(f.bottleneck.toGoalId)}</code> (${pct(f.bottleneck.conversion)})</p>`,
      );
    }
  }

  const times = timeRows(a);
  if (times.length > 0) {
    out.push(`<h2>${timeHeading}</h2>`, `<p class="info">${esc(timeExplanation)}</p>`);
    out.push(
      '<div class="scroll"><table><thead><tr><th>Micro → macro</th><th>Users</th><th>Median</th><th>90th percentile</th></tr></thead><tbody>',
    );
    for (const t of times)
      out.push(
        `<tr><td>${esc(t.pair)}</td><td class="num">${t.converters}</td><td class="num">${t.median}</td><td class="num">${t.p90}</td></tr>`,
      );
    out.push("</tbody></table></div>");
  }
  for (const b of pathBlocks(a)) {
    out.push(`<h2>Goal paths before ${esc(b.macroTitle)}</h2>`, `<p class="info">${esc(b.title)}</p>`);
    out.push(
      '<div class="scroll"><table><thead><tr><th>Path (oldest first)</th><th>Conversions</th><th>Share</th><th>Users</th></tr></thead><tbody>',
    );
    for (const r of b.rows)
      out.push(
        `<tr><td>${esc(r.path)}</td><td class="num">${r.conversions}</td><td class="num">${r.share}</td><td class="num">${r.users}</td></tr>`,
      );
    out.push("</tbody></table></div>");
  }

  out.push(
    '<h2>Goals</h2><div class="scroll"><table><thead><tr><th>Goal</th><th>Kind</th><th>Event</th><th>Users</th><th>Events</th></tr></thead><tbody>',
  );
  for (const g of a.goals) {
    out.push(
      `<tr><td>${esc(g.title)}<br><code>${esc(g.id)}</code></td><td>${g.kind}</td><td><code>${esc(g.event)}</code></td>`,
      g.noData
        ? '<td class="nodata" colspan="2">no data — check its trigger</td></tr>'
        : `<td class="num">${count(g.users)}</td><td class="num">${count(g.events)}</td></tr>`,
    );
  }
  out.push("</tbody></table></div>");
  for (const l of lines.filter((c) => c.level === "info")) out.push(`<p class="info">${esc(l.text)}</p>`);
  out.push("</main></body></html>");
  return `${out.join("\n")}\n`;
}
