// Terminal table (the default format). Colour only when asked for (the CLI asks when stdout is a
// TTY and NO_COLOR is unset); without colour the output is plain ASCII-aligned text.

import { printableDeep } from "../../terminal-text.js";
import type { Analysis, PairAnalysis } from "../analysis.js";
import { breakdownTableLines } from "./breakdown-text.js";
import { caveatLines } from "./caveat-lines.js";
import { pathBlocks, timeExplanation, timeHeading, timeRows } from "./export-sections.js";
import { count, duration, lift, money, pct, pValue, rate, verdict } from "./figures.js";
import { textGrid } from "./text-grid.js";

export interface TableOptions {
  color: boolean;
}

type Paint = (code: string, s: string) => string;

export function renderTable(analysis: Analysis, options: TableOptions = { color: false }): string {
  // Titles and ids come from the spec and the data: nothing in them may drive the terminal.
  const a = printableDeep(analysis);
  const paint: Paint = options.color ? (code, s) => `\x1b[${code}m${s}\x1b[0m` : (_c, s) => s;
  const out: string[] = [];
  out.push(paint("1", header(a)));
  out.push("");
  out.push(
    paint("1", "Which small steps matter most") +
      " — P(macro within window after micro) vs P(macro | no micro)",
  );
  const rows = [
    ["#", "micro → macro", "after micro", "baseline", "lift [95% CI]", "q", "value/micro", "verdict"],
  ];
  for (const i of a.ranking) rows.push(pairRow(a, a.pairs[i], paint));
  out.push(...textGrid(rows, new Set([0, 5])).map((l, i) => (i === 0 ? paint("2", l) : l)));
  for (const f of a.funnels) {
    out.push("");
    out.push(
      paint("1", `Funnel ${f.id}`) +
        ` — ${f.title} (${f.open ? "open" : "closed"}, each step within ${duration(f.windowSeconds)})`,
    );
    const frows = [["step", "users", "step conversion", "of first step", "drop-off"]];
    for (const s of f.steps) {
      frows.push([
        s.noData ? paint("31", `${s.goalId} (no data)`) : s.goalId,
        s.entered ? `${count(s.users)} (${count(s.entered)} entered here)` : count(s.users),
        s.stepConversion ? rate(s.stepConversion) : "—",
        pct(s.overallConversion.rate),
        s.dropOff === null ? "—" : count(s.dropOff),
      ]);
    }
    out.push(...textGrid(frows, new Set([1, 4])).map((l, i) => (i === 0 ? paint("2", `  ${l}`) : `  ${l}`)));
    if (f.bottleneck) {
      out.push(
        `  bottleneck: ${f.bottleneck.fromGoalId} → ${f.bottleneck.toGoalId} (${pct(f.bottleneck.conversion)})`,
      );
    }
  }
  out.push(...exportSections(a, paint));
  out.push(...breakdownTableLines(a, paint));
  out.push("");
  out.push(paint("1", "Goals"));
  const grows = [["goal", "kind", "event", "users", "events"]];
  for (const g of a.goals) {
    grows.push([g.id, g.kind, g.event, g.noData ? paint("31", "no data") : count(g.users), count(g.events)]);
  }
  out.push(...textGrid(grows, new Set([3, 4])).map((l, i) => (i === 0 ? paint("2", `  ${l}`) : `  ${l}`)));
  out.push("");
  for (const c of caveatLines(a))
    out.push(c.level === "warning" ? paint("33", `! ${c.text}`) : `  ${c.text}`);
  return `${out.join("\n")}\n`;
}

export function header(a: Analysis): string {
  const parts = [a.project];
  if (a.target) parts.push(`target ${a.target}`);
  if (a.propertyId) parts.push(`property ${a.propertyId}`);
  parts.push(`${a.dateRange.since} → ${a.dateRange.until}`);
  parts.push(`${count(a.totalUsers)} users`);
  return parts.join(" · ");
}

function pairRow(a: Analysis, p: PairAnalysis, paint: Paint): string[] {
  const colour =
    p.status === "no-data" ? "31" : p.status === "too-few-users" ? "33" : p.significant ? "32" : "";
  const v = verdict(p, a.alpha);
  return [
    p.rank === null ? "–" : String(p.rank),
    `${p.microId} → ${p.macroId}`,
    rate(p.afterMicro),
    rate(p.baseline),
    lift(p),
    pValue(p.qValue),
    money(p.valuePerMicro, a.currency),
    colour ? paint(colour, v) : v,
  ];
}

/** Time to convert and goal paths: only when the report came from the GA4 export. */
function exportSections(a: Analysis, paint: Paint): string[] {
  const out: string[] = [];
  const times = timeRows(a);
  if (times.length > 0) {
    out.push("", `${paint("1", timeHeading)} — ${timeExplanation}`);
    const rows = [["micro → macro", "users", "median", "p90"]];
    for (const t of times) rows.push([t.pair, t.converters, t.median, t.p90]);
    out.push(
      ...textGrid(rows, new Set([1, 2, 3])).map((l, i) => (i === 0 ? paint("2", `  ${l}`) : `  ${l}`)),
    );
  }
  for (const b of pathBlocks(a)) {
    out.push("", paint("1", b.title));
    const rows = [["conversions", "share", "users", "path (oldest first)"]];
    for (const r of b.rows) rows.push([r.conversions, r.share, r.users, r.path]);
    out.push(
      ...textGrid(rows, new Set([0, 1, 2])).map((l, i) => (i === 0 ? paint("2", `  ${l}`) : `  ${l}`)),
    );
  }
  return out;
}
