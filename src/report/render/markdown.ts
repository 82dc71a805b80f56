// Markdown for job summaries and pull-request comments (GitHub-flavoured tables).
import type { Analysis } from "../analysis.js";
import { caveatLines } from "./caveat-lines.js";
import {
  adjustedDetail,
  adjustedExplanation,
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
import { count, duration, lift, money, pct, pValue, rate, verdict } from "./figures.js";
import { headlineText } from "./headline.js";
import { header } from "./table.js";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

export function renderMarkdown(a: Analysis): string {
  const out: string[] = [`## Micro-conversion report: ${cell(header(a))}`, ""];
  const warnings = caveatLines(a).filter((c) => c.level === "warning");
  for (const w of warnings) out.push(`> ⚠️ ${w.text}`, ">");
  if (warnings.length > 0) out.pop();
  if (warnings.length > 0) out.push("");
  out.push("### Which small steps matter most", "");
  out.push(
    "P(macro within the window after the micro goal) against P(macro | never did the micro goal); 95% intervals, q = Benjamini–Hochberg adjusted p.",
    "",
  );
  const adjusted = hasAdjusted(a);
  const headline = headlineText(a);
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
        `${p.microTitle} (\`${p.microId}\`)`,
        `${p.macroTitle} (\`${p.macroId}\`)`,
        rate(p.afterMicro),
        rate(p.baseline),
        lift(p),
        ...(adjusted ? [adjustedFigure(p.adjusted), eValueText(p.adjusted)] : []),
        pValue(p.qValue),
        p.phi === null ? "—" : p.phi.toFixed(3),
        money(p.valuePerMicro, a.currency),
        (p.significant ? "**" : "") + verdict(p, a.alpha) + (p.significant ? "**" : ""),
      ]),
    );
  }
  out.push(
    "",
    "_Value / micro = (rate after micro − baseline) × macro value: an association, not causation._",
  );
  if (adjusted) {
    out.push("", `_${adjustedExplanation}_`, "");
    for (const i of a.ranking) {
      const p = a.pairs[i];
      if (!p.adjusted) continue;
      const inc = incidenceText(p.adjusted);
      out.push(
        `- \`${p.microId}\` → \`${p.macroId}\`: crude ${crudeFigure(p)}, adjusted ${adjustedFigure(p.adjusted)} (${adjustedDetail(p.adjusted)})${inc ? `; converted by ${inc}` : ""}`,
      );
    }
    const first = a.pairs.find((p) => p.adjusted)?.adjusted;
    if (first) out.push("", `Method: ${first.method}. Not adjusted for: ${first.notAdjustedFor.join("; ")}.`);
  }
  const steps = stepRows(a);
  if (steps.length > 0) {
    out.push("", `### ${stepsHeading}`, "", stepsExplanation, "");
    for (const s of steps) out.push(`- \`${s.pair}\`: ${s.note}${s.hint ? ` — hint: ${s.hint}` : ""}`);
  }
  for (const f of a.funnels) {
    out.push(
      "",
      `### Funnel: ${f.title} (\`${f.id}\`, ${f.open ? "open" : "closed"}, ${duration(f.windowSeconds)})`,
      "",
    );
    out.push(row(["Step", "Users", "Step conversion", "Of first step", "Drop-off"]));
    out.push(row(["---", "--:", "---", "--:", "--:"]));
    for (const s of f.steps) {
      out.push(
        row([
          `${s.title} (\`${s.goalId}\`)${s.noData ? " — **no data: check its trigger**" : ""}`,
          s.entered ? `${count(s.users)} (${count(s.entered)} entered here)` : count(s.users),
          s.stepConversion ? rate(s.stepConversion) : "—",
          pct(s.overallConversion.rate),
          s.dropOff === null ? "—" : count(s.dropOff),
        ]),
      );
    }
    if (f.bottleneck) {
      out.push(
        "",
        `Bottleneck: \`${f.bottleneck.fromGoalId}\` → \`${f.bottleneck.toGoalId}\` (${pct(f.bottleneck.conversion)}).`,
      );
    }
  }
  const times = timeRows(a);
  if (times.length > 0) {
    out.push("", `### ${timeHeading}`, "", timeExplanation, "");
    out.push(row(["Micro → macro", "Users", "Median", "90th percentile"]), row(["---", "--:", "--:", "--:"]));
    for (const r of times) out.push(row([r.pair, r.converters, r.median, r.p90]));
  }
  for (const b of pathBlocks(a)) {
    out.push("", `### ${b.title}`, "");
    out.push(
      row(["Path (oldest first)", "Conversions", "Share", "Users"]),
      row(["---", "--:", "--:", "--:"]),
    );
    for (const r of b.rows) out.push(row([r.path, r.conversions, r.share, r.users]));
  }
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
        `${g.title} (\`${g.id}\`)`,
        g.kind,
        `\`${g.event}\``,
        g.noData ? "**no data**" : count(g.users),
        count(g.events),
      ]),
    );
  }
  out.push("");
  for (const c of caveatLines(a).filter((l) => l.level === "info")) out.push(`_${c.text}_`, "");
  return `${out.join("\n").trimEnd()}\n`;
}
