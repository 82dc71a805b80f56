// Discovery in every format: the ranked correlation table (both halves' figures), required steps
// apart, and what each candidate would be as a goal.
import { printable } from "../../terminal-text.js";
import { formatBytes } from "../render/figures.js";
import { adjustedConfirms, type DiscoveredCandidate, type HalfFigures } from "./rank.js";
import type { Discovery } from "./run-discover.js";

export type DiscoveryFormat = "table" | "md" | "json";

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);

function liftText(l: HalfFigures["lift"]): string {
  if (!l) return "–";
  const s = (x: number) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}%`;
  if (l.relative === null) return `≥ ${s(l.low)}`;
  return `${s(l.relative)} [${s(l.low)}, ${l.high === null ? "∞" : s(l.high)}]`;
}

/** The adjusted effect on the confirmation half: its lift, or why there is none. */
function adjustedText(c: DiscoveredCandidate): string {
  const a = c.confirmation.adjusted;
  if (!a) return "–";
  if (a.status !== "ok" || a.lift.relative === null || a.lift.low === null) return a.status;
  return liftText({ relative: a.lift.relative, low: a.lift.low, high: a.lift.high });
}

function verdict(c: DiscoveredCandidate): string {
  if (c.known) return c.significant ? "confirmed (already a goal)" : "already a goal";
  if (c.significant) return "confirmed driver";
  const adjusted = c.confirmation.adjusted;
  if (c.confirmation.qValue !== null && adjusted && adjustedConfirms(adjusted) === false)
    return "not confirmed once adjusted";
  return c.confirmation.qValue === null ? "not confirmed (outside the top)" : "not confirmed";
}

function rows(d: Discovery, limit: number): string[][] {
  return d.candidates
    .slice(0, limit)
    .map((c) => [
      String(c.rank),
      printable(c.label),
      c.kind,
      `${c.discovery.users}`,
      liftText(c.discovery.lift),
      `${c.confirmation.users}`,
      `${pct(c.confirmation.rate)} vs ${pct(c.confirmation.baseline)}`,
      liftText(c.confirmation.lift),
      adjustedText(c),
      c.confirmation.qValue === null
        ? "–"
        : c.confirmation.qValue < 1e-4
          ? "<0.0001"
          : c.confirmation.qValue.toFixed(4),
      verdict(c),
    ]);
}

const HEAD = [
  "#",
  "candidate",
  "kind",
  "disc. users",
  "disc. lift",
  "conf. users",
  "conf. rate vs without",
  "conf. lift [95% CI]",
  "conf. adjusted",
  "q",
  "verdict",
];

function grid(table: string[][]): string {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function summary(d: Discovery): string[] {
  const confirmed = d.candidates.filter((c) => c.significant);
  const adjusted = d.candidates.filter((c) => c.confirmation.adjusted);
  return [
    `Discover → ${printable(d.macro.title)} (${d.macro.id}), ${d.since} → ${d.until}, ${d.events.toLocaleString("en-US")} ${d.cost ? "" : "export "}events, window ${Math.round(d.windowSeconds / 86400)} d${d.bytesProcessed !== undefined ? `; BigQuery scanned ${formatBytes(d.bytesProcessed)}` : ""}${d.cost ? `; the Data API answered ${d.cost.requests} requests for ${d.cost.tokens} tokens` : ""}`,
    `Users split by ${d.split.startsWith("firstSessionDate") ? "the parity of their firstSessionDate (the Data API cannot hash user ids)" : "a hash of user_pseudo_id"}: the discovery half ranks ${d.candidates.length} candidates, the confirmation half tests the strongest (Benjamini–Hochberg over them).`,
    `${confirmed.length} confirmed (${confirmed.filter((c) => !c.known).length} not in the spec); ${d.tooRare} too rare to test (fewer than ${d.minUsers} users in a half)${d.postConversion.length ? `; done almost only after converting, left out: ${d.postConversion.join(", ")}` : ""}.`,
    ...(adjusted.length > 0
      ? [
          `The report's adjusted estimator (docs/effects.md) measured ${adjusted.length} of the tested candidates again on the confirmation half; a driver stays confirmed only if its adjusted interval is above no effect too. Thresholds and combinations have no goal shape: crude only.`,
        ]
      : []),
  ];
}

export function renderDiscovery(d: Discovery, format: DiscoveryFormat, limit = 40): string {
  if (format === "json") return `${JSON.stringify(d, null, 2)}\n`;
  const required = d.required.map(
    (c) => `${printable(c.label)} (${c.confirmation.users + c.discovery.users} users)`,
  );
  const steps = required.length
    ? `Required steps (≥ 99% of converters did them first): path steps, not drivers: ${required.join(", ")}.`
    : "No required steps.";
  const suggestions = d.suggestions.goals.map((g) => `${g.id}: ${g.evidence}`);
  const note =
    "Lifts are associations confirmed on held-out users, not proof that a step causes conversions.";
  if (format === "md") {
    const md = [HEAD, HEAD.map(() => "---"), ...rows(d, limit)]
      .map((r) => `| ${r.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`)
      .join("\n");
    return [
      `# Discover: ${printable(d.macro.title)}`,
      "",
      ...summary(d),
      "",
      md,
      "",
      steps,
      "",
      ...suggestions.map((s) => `- ${s}`),
      "",
      `_${note}_`,
      "",
    ].join("\n");
  }
  return [
    ...summary(d),
    "",
    grid([HEAD, ...rows(d, limit)]),
    "",
    steps,
    ...(suggestions.length ? ["", "Would be goals (--write):", ...suggestions.map((s) => `  ${s}`)] : []),
    "",
    note,
    "",
  ].join("\n");
}
