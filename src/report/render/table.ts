// Terminal table (the default format). Colour only when asked for (the CLI asks when stdout is a
// TTY and NO_COLOR is unset); without colour the output is plain ASCII-aligned text.

import { printableDeep } from "../../terminal-text.js";
import type { Analysis, PairAnalysis } from "../analysis.js";
import { breakdownTableLines } from "./breakdown-text.js";
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
import { fitGrid } from "./fit-grid.js";
import { openFunnelNote, THROUGH_COLUMN, throughCell, throughSentence } from "./funnel-through-text.js";
import { headlineText } from "./headline.js";
import { wrapProse } from "./prose-wrap.js";
import { VALUE_EXPLANATION, valuePerMicroCell } from "./value-per-micro.js";

export interface TableOptions {
  color: boolean;
  /** the terminal's columns: tables wrap, then drop columns (named in a note) to fit; none = full width */
  width?: number;
}

type Paint = (code: string, s: string) => string;

export function renderTable(analysis: Analysis, options: TableOptions = { color: false }): string {
  // Titles and ids come from the spec and the data: nothing in them may drive the terminal.
  const a = printableDeep(analysis);
  const paint: Paint = options.color ? (code, s) => `\x1b[${code}m${s}\x1b[0m` : (_c, s) => s;
  const out: string[] = [];
  // Tables fitted to the terminal; the columns any table left out, for one note at the end.
  const dropped = new Set<string>();
  const grid = (rows: string[][], right: number[], indent: string, dropOrder: number[] = []) => {
    const fit = fitGrid(rows, {
      right: new Set(right),
      width: options.width,
      indent: indent.length,
      dropOrder,
    });
    for (const d of fit.dropped) dropped.add(rows[0][d]);
    return fit.lines.map((l, i) => (i < fit.headerHeight ? paint("2", indent + l) : l && indent + l));
  };
  out.push(paint("1", header(a)));
  out.push("");
  out.push(
    paint("1", "Which small steps matter most") +
      " — P(macro within window after micro) vs P(macro | no micro)",
  );
  const adjusted = hasAdjusted(a);
  const headline = headlineText(a);
  if (headline) out.push(headline);
  const rows = [
    [
      "#",
      "micro → macro",
      "after micro",
      "baseline",
      adjusted ? "crude lift [95% CI]" : "lift [95% CI]",
      ...(adjusted ? ["adjusted [95% CI]", "E-value"] : []),
      "q",
      "value/micro",
      "verdict",
    ],
  ];
  for (const i of a.ranking) {
    const row = pairRow(a, a.pairs[i], paint);
    if (adjusted) row.splice(5, 0, adjustedFigure(a.pairs[i].adjusted), eValueText(a.pairs[i].adjusted));
    rows.push(row);
  }
  // Right-aligned: # and q; dropped first when too wide: value/micro, then E-value, then q.
  out.push(...grid(rows, adjusted ? [0, 7] : [0, 5], "", adjusted ? [8, 6, 7] : [6, 5]));
  out.push("", `${VALUE_EXPLANATION}.`);
  if (adjusted) out.push(...adjustedLines(a));
  const steps = stepRows(a);
  if (steps.length > 0) {
    out.push("", `${paint("1", stepsHeading)} — ${stepsExplanation}`);
    for (const s of steps) {
      out.push(`  ${s.pair}: ${s.note}`);
      if (s.hint) out.push(paint("33", `    hint: ${s.hint}`));
    }
  }
  for (const f of a.funnels) {
    out.push("");
    out.push(
      paint("1", `Funnel ${f.id}`) +
        ` — ${f.title} (${f.open ? "open" : "closed"}, each step within ${duration(f.windowSeconds)})`,
    );
    const frows = [["step", "users", "step conversion", THROUGH_COLUMN, "drop-off"]];
    for (const s of f.steps) {
      frows.push([
        s.noData ? paint("31", `${s.goalId} (no data)`) : s.goalId,
        s.entered ? `${count(s.users)} (${count(s.entered)} entered here)` : count(s.users),
        s.stepConversion ? rate(s.stepConversion) : "—",
        throughCell(s),
        s.dropOff === null ? "—" : count(s.dropOff),
      ]);
    }
    out.push(...grid(frows, [1, 3, 4], "  ", [4]));
    out.push(`  ${throughSentence(f)}`);
    const open = openFunnelNote(f);
    if (open) out.push(`  ${open}`);
    if (f.bottleneck) {
      out.push(
        `  bottleneck: ${f.bottleneck.fromGoalId} → ${f.bottleneck.toGoalId} (${pct(f.bottleneck.conversion)})`,
      );
    }
  }
  out.push(...exportSections(a, grid, paint));
  out.push(...breakdownTableLines(a, paint, options.width));
  out.push("");
  out.push(paint("1", "Goals"));
  const grows = [["goal", "kind", "event", "users", "events"]];
  for (const g of a.goals) {
    grows.push([g.id, g.kind, g.event, g.noData ? paint("31", "no data") : count(g.users), count(g.events)]);
  }
  out.push(...grid(grows, [3, 4], "  ", [2, 4]));
  out.push("");
  for (const c of caveatLines(a))
    out.push(c.level === "warning" ? paint("33", `! ${c.text}`) : `  ${c.text}`);
  if (dropped.size > 0)
    out.push(
      `  Not shown at ${options.width} columns: ${[...dropped].join(", ")}. A wider terminal shows them, and so do --format md, --out and a pipe (full width).`,
    );
  return `${out.flatMap((l) => wrapProse(l, options.width)).join("\n")}\n`;
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
    p.status === "no-data"
      ? "31"
      : p.status === "too-few-users" || p.status === "counting-error"
        ? "33"
        : p.significant
          ? "32"
          : "";
  const v = verdict(p, a.alpha);
  return [
    p.rank === null ? "–" : String(p.rank),
    `${p.microId} → ${p.macroId}`,
    rate(p.afterMicro),
    rate(p.baseline),
    lift(p),
    pValue(p.qValue),
    valuePerMicroCell(p, a.currency),
    colour ? paint(colour, v) : v,
  ];
}

/** Per adjusted pair: who it is about, overlap, horizon and cumulative incidence doers vs comparison. */
function adjustedLines(a: Analysis): string[] {
  const out = ["", `  ${adjustedExplanationOf(a)}`];
  for (const i of a.ranking) {
    const p = a.pairs[i];
    const e = p.adjusted;
    if (!e) continue;
    const inc = incidenceText(e);
    out.push(
      `  ${p.microId} → ${p.macroId}: crude ${crudeFigure(p)}, adjusted ${adjustedFigure(e)} (${adjustedDetail(e)})${inc ? `; converted by ${inc}` : ""}`,
    );
  }
  const method = a.pairs.find((p) => p.adjusted)?.adjusted;
  if (method) {
    out.push(`  method: ${method.method}`);
    if (method.notAdjustedFor.length > 0) out.push(`  not adjusted for: ${method.notAdjustedFor.join("; ")}`);
  }
  return out;
}

/** Time to convert and goal paths: only when the report came from the GA4 export. */
type Grid = (rows: string[][], right: number[], indent: string, dropOrder?: number[]) => string[];

function exportSections(a: Analysis, grid: Grid, paint: Paint): string[] {
  const out: string[] = [];
  const times = timeRows(a);
  if (times.length > 0) {
    out.push("", `${paint("1", timeHeading)} — ${timeExplanation}`);
    const rows = [["micro → macro", "users", "median", "p90"]];
    for (const t of times) rows.push([t.pair, t.converters, t.median, t.p90]);
    out.push(...grid(rows, [1, 2, 3], "  "));
  }
  for (const b of pathBlocks(a)) {
    out.push("", paint("1", b.title));
    const rows = [["conversions", "share", "users", "path (oldest first)"]];
    for (const r of b.rows) rows.push([r.conversions, r.share, r.users, r.path]);
    out.push(...grid(rows, [0, 1, 2], "  "));
  }
  return out;
}
