// Markdown for job summaries and pull-request comments (GitHub-flavoured tables).

import type { Analysis } from "../analysis.js";
import { breakdownMarkdownLines } from "./breakdown-text.js";
import { caveatLines } from "./caveat-lines.js";
import { pathBlocks, timeExplanation, timeHeading, timeRows } from "./export-sections.js";
import { count, duration, lift, money, pct, pValue, rate, verdict } from "./figures.js";
import { mdCode, mdText } from "./markdown-text.js";
import { header } from "./table.js";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
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
  out.push(
    row([
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
    ]),
  );
  out.push(row(["--:", "---", "---", "---", "---", "---", "--:", "--:", "--:", "---"]));
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
  for (const f of a.funnels) {
    out.push(
      "",
      `### Funnel: ${mdText(f.title)} (${mdCode(f.id)}, ${f.open ? "open" : "closed"}, ${duration(f.windowSeconds)})`,
      "",
    );
    out.push(row(["Step", "Users", "Step conversion", "Of first step", "Drop-off"]));
    out.push(row(["---", "--:", "---", "--:", "--:"]));
    for (const s of f.steps) {
      out.push(
        row([
          `${mdText(s.title)} (${mdCode(s.goalId)})${s.noData ? " — **no data: check its trigger**" : ""}`,
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
