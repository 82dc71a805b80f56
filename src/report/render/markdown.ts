// Markdown for job summaries and pull-request comments (GitHub-flavoured tables).

import type { Analysis } from "../analysis.js";
import { breakdownMarkdownLines } from "./breakdown-text.js";
import { caveatLines } from "./caveat-lines.js";
import {
  adjustedDetail,
  adjustedExplanationOf,
  adjustedFigure,
  crudeFigure,
  eValueText,
  hasAdjusted,
  incidenceText,
  stepRows,
  stepsExplanation,
  stepsHeading,
} from "./effect-sections.js";
import { pathBlocks, timeExplanation, timeHeading, timeRows } from "./export-sections.js";
import { count, duration, lift, pct, pValue, rate, verdict } from "./figures.js";
import { openFunnelNote, throughCell, throughSentence } from "./funnel-through-text.js";
import { headlineText } from "./headline.js";
import { mdCode, mdText } from "./markdown-text.js";
import { header } from "./table.js";
import { PHI_EXPLANATION, VALUE_EXPLANATION, valuePerMicroCell } from "./value-per-micro.js";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function renderMarkdown(a: Analysis): string {
  const out: string[] = [`## Micro-conversion report: ${cell(mdText(header(a)))}`, ""];
  const warnings = caveatLines(a).filter((c) => c.level === "warning");
  for (const w of warnings) out.push(`> ⚠️ ${mdText(w.text)}`, ">");
  if (warnings.length > 0) out.pop();
  if (warnings.length > 0) out.push("");
  out.push("### Which small steps matter most", "");
  out.push(
    "P(macro within the window after the micro goal) against P(macro | never did the micro goal); 95% intervals, q = Benjamini–Hochberg adjusted p.",
    "",
  );
  const adjusted = hasAdjusted(a);
  const headline = headlineText(a, (p) => `${mdText(p.microTitle)} → ${mdText(p.macroTitle)}`);
  if (headline) out.push(`**${cell(headline)}**`, "");
  out.push(
    row([
      "#",
      "Micro goal",
      "Macro goal",
      "After micro",
      "Baseline",
      adjusted ? "Crude lift [95% CI]" : "Lift [95% CI]",
      ...(adjusted ? ["Adjusted [95% CI]", "E-value"] : []),
      "q",
      "φ",
      "Value / micro",
      "Verdict",
    ]),
  );
  out.push(
    row([
      "--:",
      "---",
      "---",
      "---",
      "---",
      "---",
      ...(adjusted ? ["---", "--:"] : []),
      "--:",
      "--:",
      "--:",
      "---",
    ]),
  );
  for (const i of a.ranking) {
    const p = a.pairs[i];
    out.push(
      row([
        p.rank === null ? "–" : String(p.rank),
        `${mdText(p.microTitle)} (${mdCode(p.microId)})`,
        `${mdText(p.macroTitle)} (${mdCode(p.macroId)})`,
        rate(p.afterMicro),
        rate(p.baseline),
        lift(p),
        ...(adjusted ? [adjustedFigure(p.adjusted), eValueText(p.adjusted)] : []),
        pValue(p.qValue),
        p.phi === null ? "—" : p.phi.toFixed(3),
        valuePerMicroCell(p, a.currency),
        (p.significant ? "**" : "") + verdict(p, a.alpha) + (p.significant ? "**" : ""),
      ]),
    );
  }
  out.push("", `_${capital(VALUE_EXPLANATION)}. ${PHI_EXPLANATION}._`);
  if (adjusted) {
    out.push("", `_${adjustedExplanationOf(a)}_`, "");
    for (const i of a.ranking) {
      const p = a.pairs[i];
      if (!p.adjusted) continue;
      const inc = incidenceText(p.adjusted);
      out.push(
        `- ${mdCode(p.microId)} → ${mdCode(p.macroId)}: crude ${crudeFigure(p)}, adjusted ${adjustedFigure(p.adjusted)} (${adjustedDetail(p.adjusted)})${inc ? `; converted by ${inc}` : ""}`,
      );
    }
    const first = a.pairs.find((p) => p.adjusted)?.adjusted;
    if (first)
      out.push(
        "",
        `Method: ${mdText(first.method)}. Not adjusted for: ${mdText(first.notAdjustedFor.join("; "))}.`,
      );
  }
  const steps = stepRows(a);
  if (steps.length > 0) {
    out.push("", `### ${stepsHeading}`, "", stepsExplanation, "");
    for (const s of steps)
      out.push(`- ${mdText(s.pair)}: ${mdText(s.note)}${s.hint ? ` — hint: ${mdText(s.hint)}` : ""}`);
  }
  for (const f of a.funnels) {
    out.push(
      "",
      `### Funnel: ${mdText(f.title)} (${mdCode(f.id)}, ${f.open ? "open" : "closed"}, ${duration(f.windowSeconds)})`,
      "",
    );
    out.push(row(["Step", "Users", "Step conversion", "Through from first step", "Drop-off"]));
    out.push(row(["---", "--:", "---", "--:", "--:"]));
    for (const s of f.steps) {
      out.push(
        row([
          `${mdText(s.title)} (${mdCode(s.goalId)})${s.noData ? " — **no data: check its trigger**" : ""}`,
          s.entered ? `${count(s.users)} (${count(s.entered)} entered here)` : count(s.users),
          s.stepConversion ? rate(s.stepConversion) : "—",
          throughCell(s),
          s.dropOff === null ? "—" : count(s.dropOff),
        ]),
      );
    }
    const open = openFunnelNote(f);
    out.push("", `${capital(throughSentence(f))}.${open ? ` ${capital(open)}.` : ""}`);
    if (f.bottleneck) {
      out.push(
        "",
        `Bottleneck: ${mdCode(f.bottleneck.fromGoalId)} → ${mdCode(f.bottleneck.toGoalId)} (${pct(f.bottleneck.conversion)}).`,
      );
    }
  }
  const times = timeRows(a);
  if (times.length > 0) {
    out.push("", `### ${timeHeading}`, "", timeExplanation, "");
    out.push(row(["Micro → macro", "Users", "Median", "90th percentile"]), row(["---", "--:", "--:", "--:"]));
    for (const r of times) out.push(row([mdText(r.pair), r.converters, r.median, r.p90]));
  }
  for (const b of pathBlocks(a)) {
    out.push("", `### ${mdText(b.title)}`, "");
    out.push(
      row(["Path (oldest first)", "Conversions", "Share", "Users"]),
      row(["---", "--:", "--:", "--:"]),
    );
    for (const r of b.rows) out.push(row([mdText(r.path), r.conversions, r.share, r.users]));
  }
  out.push(...breakdownMarkdownLines(a));
  out.push(
    "",
    "### Goals",
    "",
    row(["Goal", "Kind", "Event", "Users", "Events"]),
    row(["---", "---", "---", "--:", "--:"]),
  );
  for (const g of a.goals) {
    out.push(
      row([
        `${mdText(g.title)} (${mdCode(g.id)})`,
        g.kind,
        mdCode(g.event),
        g.noData ? "**no data**" : count(g.users),
        count(g.events),
      ]),
    );
  }
  out.push("");
  for (const c of caveatLines(a).filter((l) => l.level === "info")) out.push(`_${mdText(c.text)}_`, "");
  return `${out.join("\n").trimEnd()}\n`;
}
