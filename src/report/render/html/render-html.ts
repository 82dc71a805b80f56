// HTML: one self-contained file (inline CSS and SVG, no script, no font, no CDN) that reads well on
// a desktop, a phone (cards instead of wide tables, stacked chart) and paper. Data-quality caveats
// come first, so nobody reads the numbers without them.

import { printableDeep } from "../../../terminal-text.js";
import type { Analysis } from "../../analysis.js";
import { caveatLines } from "../caveat-lines.js";
import { pathBlocks, timeExplanation, timeHeading, timeRows } from "../export-sections.js";
import { count } from "../figures.js";
import { header } from "../table.js";
import { breakdownSection } from "./breakdown.js";
import { funnelSection } from "./funnel.js";
import { rankingSection } from "./ranking.js";
import { STYLE } from "./style.js";
import { escapeXml as esc, trendLines } from "./svg-charts.js";
import { htmlTable } from "./table.js";

export function renderHtml(analysis: Analysis): string {
  // The file is often `cat`-ed or piped: no control character from the spec or data gets through.
  const a = printableDeep(analysis);
  const lines = caveatLines(a);
  const out: string[] = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`Micro-conversion report — ${a.project}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body><main>",
    "<header><h1>Micro-conversion report</h1>",
    `<p class="meta">${esc(header(a))}${a.generatedAt ? ` · generated ${esc(a.generatedAt)}` : ""}</p></header>`,
  ];
  const warnings = lines.filter((l) => l.level === "warning");
  if (warnings.length > 0) {
    out.push(
      '<section class="caveats" role="note"><h2>⚠ Before you use these numbers</h2><ul>',
      ...warnings.map((w) => `<li>${esc(w.text)}</li>`),
      "</ul></section>",
    );
  }
  for (const l of lines.filter((c) => c.level === "info")) out.push(`<p class="info">${esc(l.text)}</p>`);

  out.push(rankingSection(a));

  const trend = trendLines(
    a.history,
    a.ranking.map((i) => a.pairs[i]).filter((p) => p.status !== "no-data"),
  );
  if (trend)
    out.push(
      "<section><h2>Trend</h2>",
      '<p class="info">Share of users converting after each micro goal, per past report.</p>',
      `<figure>${trend}</figure></section>`,
    );

  for (const f of a.funnels) out.push(funnelSection(f));

  const times = timeRows(a);
  if (times.length > 0) {
    out.push(`<section><h2>${timeHeading}</h2>`, `<p class="info">${esc(timeExplanation)}</p>`);
    out.push(
      htmlTable(
        [
          { label: "Micro → macro", card: "title" },
          { label: "Users", num: true },
          { label: "Median", num: true },
          { label: "90th percentile", num: true },
        ],
        times.map((t) => [esc(t.pair), t.converters, t.median, t.p90]),
      ),
      "</section>",
    );
  }
  for (const b of pathBlocks(a)) {
    out.push(
      `<section><h2>Goal paths before ${esc(b.macroTitle)}</h2>`,
      `<p class="info">${esc(b.title)}</p>`,
    );
    out.push(
      htmlTable(
        [
          { label: "Path (oldest first)", card: "title" },
          { label: "Conversions", num: true },
          { label: "Share", num: true },
          { label: "Users", num: true },
        ],
        b.rows.map((r) => [esc(r.path), r.conversions, r.share, r.users]),
      ),
      "</section>",
    );
  }

  out.push(breakdownSection(a));
  out.push("<section><h2>Goals</h2>");
  out.push(
    htmlTable(
      [
        { label: "Goal", card: "title" },
        { label: "Kind" },
        { label: "Event" },
        { label: "Users", num: true },
        { label: "Events", num: true },
      ],
      a.goals.map((g) => [
        `${esc(g.title)}<small><code>${esc(g.id)}</code></small>`,
        g.kind,
        `<code>${esc(g.event)}</code>`,
        g.noData ? '<span class="nodata">✕ no data — check its trigger</span>' : count(g.users),
        g.noData ? "—" : count(g.events),
      ]),
    ),
    "</section>",
  );
  out.push("</main></body></html>");
  return `${out.join("\n")}\n`;
}
