// The ranking section: a one-paragraph summary, how to read the chart, the lift chart (two
// layouts, one shown per screen size) and the pair table, which turns into cards on a phone.
import type { Analysis, PairAnalysis, Rate } from "../../analysis.js";
import {
  adjustedDetail,
  adjustedExplanation,
  adjustedFigure,
  eValueText,
  hasAdjusted,
  stepRows,
  stepsExplanation,
  stepsHeading,
} from "../effect-sections.js";
import { count, duration, liftPoint, pct, pValue, signedPct, verdict, zeroCellNote } from "../figures.js";
import { headlineText } from "../headline.js";
import {
  NOT_SIGNIFICANT,
  PHI_EXPLANATION,
  VALUE_EXPLANATION,
  valuePerMicroCell,
} from "../value-per-micro.js";
import { dumbbellChart } from "./dumbbell.js";
import { liftForest } from "./lift-forest.js";
import { escapeXml as esc, pairMark } from "./svg-charts.js";
import { htmlTable } from "./table.js";

/** Muted "n.s." with the reason on hover; the value only where the difference is significant. */
function valueCell(p: PairAnalysis, currency: string): string {
  const text = valuePerMicroCell(p, currency);
  return text === NOT_SIGNIFICANT
    ? `<span class="muted" title="not significant: the difference could be zero">${text}</span>`
    : esc(text);
}

/** "63.7%" large, then its interval and n small: every rate keeps its n. */
export function rateCell(r: Rate): string {
  if (r.rate === null)
    return r.n > 0 ? `<b>—</b> <small>n=${count(r.n)}</small>` : '<span class="nodata">no data</span>';
  const ci = r.low === null || r.high === null ? "" : `${pct(r.low)}–${pct(r.high)} · `;
  return `<b>${pct(r.rate)}</b> <small>${ci}n=${count(r.n)}</small>`;
}

/** The verdict with a text marker and a class for colour, so colour is never the only signal. */
export function verdictBadge(p: PairAnalysis, alpha: number): string {
  const text = esc(verdict(p, alpha));
  if (p.status === "no-data") return `<span class="badge nodata">✕ ${text}</span>`;
  if (p.status === "too-few-users" || p.status === "counting-error")
    return `<span class="badge few">? ${text}</span>`;
  if (p.significant) {
    // relative null = nobody converted without the micro goal: up
    const dir = (p.lift?.relative ?? 0) >= 0 ? "up" : "down";
    return `<span class="badge sig ${dir}">✓ ${text}</span>`;
  }
  return `<span class="badge ns">– ${text}</span>`;
}

function summary(a: Analysis, ranked: PairAnalysis[]): string {
  const withData = ranked.filter((p) => p.status !== "no-data");
  const sig = withData.filter((p) => p.significant);
  const parts = [
    `<b>${sig.length} of ${ranked.length}</b> micro → macro pairs differ significantly from users who never did the micro goal (q ≤ ${a.alpha}).`,
  ];
  const headline = headlineText(a);
  if (headline) parts.push(esc(headline));
  const few = withData.filter((p) => p.status === "too-few-users").length;
  const none = ranked.length - withData.length;
  if (few > 0) parts.push(`${few} with too few users to judge.`);
  if (none > 0) parts.push(`<span class="nodata">${none} without data.</span>`);
  return `<p class="summary">${parts.join(" ")}</p>`;
}

/** Lift large, interval and any zero-cell note small. */
function liftCell(p: PairAnalysis, colour: string): string {
  const l = p.lift!;
  const note = zeroCellNote(p);
  const range = l.high === null ? "" : `${signedPct(l.low)} to ${signedPct(l.high)}`;
  const small = [range, esc(note)].filter(Boolean).join(" · ");
  // The zero-cell note may wrap: numbers stay on one line, words need not.
  return `<b style="color:${colour}">${liftPoint(l)}</b> <small${note ? ' class="zero"' : ""}>${small}</small>`;
}

export function rankingSection(a: Analysis): string {
  const ranked = a.ranking.map((i) => a.pairs[i]);
  const out = ["<section><h2>Which small steps matter most</h2>", summary(a, ranked)];
  out.push(
    `<p class="howto"><b>How to read this:</b> each row compares users who did a micro goal with users who never did. The dot is the lift in the chance of then reaching the macro goal within its window; the whisker is the 95% interval. A whisker crossing the dashed 0% line means no clear difference. An arrow to the edge is an open-ended interval: nobody converted without the micro goal (no finite lift, only a lower bound) or nobody converted after it. <span class="key"><span class="dot sig"></span>✓ filled = significant after correcting for many comparisons (q ≤ ${a.alpha}), green higher, red lower</span> <span class="key"><span class="dot ns"></span>hollow = not significant</span> <span class="key"><span class="dot few"></span>? grey = too few users</span></p>`,
  );
  const wide = liftForest(ranked, "wide");
  if (wide) out.push(`<figure class="forest-box">${wide}${liftForest(ranked, "stacked")}</figure>`);
  const adjusted = hasAdjusted(a);
  if (adjusted) {
    const chart = dumbbellChart(ranked);
    if (chart) out.push(`<figure class="forest-box">${chart}</figure>`);
    out.push(`<p class="info">${esc(adjustedExplanation)}</p>`);
  }
  const rows = ranked.map((p) => {
    const m = pairMark(p);
    const adjustedCells = adjusted
      ? [
          `${esc(adjustedFigure(p.adjusted))}${p.adjusted ? ` <small>${esc(adjustedDetail(p.adjusted))}; E ${esc(eValueText(p.adjusted))}</small>` : ""}`,
        ]
      : [];
    return [
      p.rank === null ? "–" : String(p.rank),
      `<span class="pair">${esc(p.microTitle)} <span class="arrow">→</span> ${esc(p.macroTitle)}</span><small><code>${esc(p.microId)}</code> → <code>${esc(p.macroId)}</code> within ${duration(p.windowSeconds)}</small>`,
      rateCell(p.afterMicro),
      rateCell(p.baseline),
      p.lift ? liftCell(p, m.colour) : "—",
      ...adjustedCells,
      pValue(p.qValue),
      p.phi === null ? "—" : p.phi.toFixed(3),
      valueCell(p, a.currency),
      verdictBadge(p, a.alpha),
    ];
  });
  out.push(
    htmlTable(
      [
        { label: "#", num: true, card: "rank" },
        { label: "Micro goal → macro goal", card: "title" },
        { label: "Converted after micro", num: true },
        { label: "Baseline (no micro)", num: true },
        { label: adjusted ? "Crude lift [95% CI]" : "Lift [95% CI]", num: true },
        ...(adjusted ? [{ label: "Adjusted [95% CI]", num: true }] : []),
        { label: "q", num: true },
        { label: "φ", num: true, card: "minor" },
        { label: "Value / micro", num: true },
        { label: "Verdict", card: "verdict" },
      ],
      rows,
      "cards ranking",
    ),
  );
  out.push(
    `<p class="info">Converted after micro = P(macro within the window after the micro goal); baseline = P(macro | never did the micro goal); q = Benjamini–Hochberg adjusted p-value; ${esc(PHI_EXPLANATION)}; ${esc(VALUE_EXPLANATION)}.</p>`,
    "</section>",
  );
  const steps = stepRows(a);
  if (steps.length > 0) {
    out.push(`<section><h2>${esc(stepsHeading)}</h2>`, `<p class="info">${esc(stepsExplanation)}</p>`);
    // Their crude lift, for the record: how much of a path the step is, not what it drives.
    const stepPairs = a.milestones.map((i) => a.pairs[i] as PairAnalysis);
    const chart = liftForest(stepPairs, "wide");
    if (chart) out.push(`<figure class="forest-box">${chart}${liftForest(stepPairs, "stacked")}</figure>`);
    out.push("<ul>");
    for (const s of steps)
      out.push(
        `<li><b>${esc(s.pair)}</b>: ${esc(s.note)}${s.hint ? ` <small>(${esc(s.hint)})</small>` : ""}</li>`,
      );
    out.push("</ul></section>");
  }
  return out.join("\n");
}
