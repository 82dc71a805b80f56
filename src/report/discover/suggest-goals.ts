// Discoveries handed back as code: each confirmed, undeclared candidate that a trigger can express
// becomes a micro goal (trigger, leads_to, role) with a comment holding its evidence and period.
// Thresholds and combinations are listed as comments only: no GTM trigger counts "3 times in a week".
import { stringify } from "yaml";
import type { Goal } from "../../project/model.js";
import type { CandidateDefinition } from "./candidate.js";
import type { DiscoveredCandidate } from "./rank.js";

export interface SuggestedGoal {
  id: string;
  yaml: Record<string, unknown>;
  evidence: string;
}

export interface Suggestions {
  goals: SuggestedGoal[];
  /** confirmed drivers no trigger can express, as comment lines */
  notes: string[];
}

// Automatic and enhanced-measurement events GA4 sends itself: a data-layer trigger would not fire.
const AUTOMATIC = new Set([
  "page_view",
  "scroll",
  "click",
  "session_start",
  "first_visit",
  "user_engagement",
  "view_search_results",
  "file_download",
  "form_start",
  "form_submit",
  "video_start",
  "video_progress",
  "video_complete",
]);

export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^[^a-z]+/, "");
  return s.slice(0, 32) || "goal";
}

function goalFor(
  d: CandidateDefinition,
): { id: string; title: string; trigger: Record<string, unknown> } | undefined {
  if (d.minCount !== undefined || d.and) return undefined;
  if (!d.param) {
    if (AUTOMATIC.has(d.event)) return undefined;
    return { id: slug(d.event), title: `Did ${d.event}`, trigger: { data_layer: { event: d.event } } };
  }
  const v = d.value ?? "";
  if (d.param === "page_path" && d.event === "page_view" && v.startsWith("/") && v !== "/")
    return {
      id: `view_${slug(v)}`,
      title: `Viewed ${v}`,
      trigger: { page_view: { path: { starts_with: v, ignore_case: true } } },
    };
  if (d.param === "file_extension")
    return {
      id: `download_${slug(v)}`,
      title: `Downloaded a .${v} file`,
      trigger: { link_click: { file_extensions: [v] } },
    };
  if (d.param === "link_domain")
    return {
      id: `outbound_${slug(v)}`,
      title: `Followed a link to ${v}`,
      trigger: { link_click: { outbound: true, url: { contains: v } } },
    };
  return undefined;
}

function evidence(c: DiscoveredCandidate, since: string, until: string): string {
  const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
  const l = c.confirmation.lift;
  const lift = !l
    ? "n/a"
    : l.relative === null
      ? `≥ +${Math.round(l.low * 100)}%`
      : `+${Math.round(l.relative * 100)}%`;
  return `discovered ${since}..${until}: ${c.label}; confirmation half ${c.confirmation.users} users, ${pct(c.confirmation.rate)} converted vs ${pct(c.confirmation.baseline)} without, lift ${lift}, q=${c.confirmation.qValue?.toPrecision(2)}`;
}

export function suggestGoals(
  confirmed: DiscoveredCandidate[],
  macro: Goal,
  taken: ReadonlySet<string>,
  period: { since: string; until: string },
): Suggestions {
  const goals: SuggestedGoal[] = [];
  const notes: string[] = [];
  const used = new Set(taken);
  for (const c of confirmed) {
    if (!c.significant || c.known || c.required) continue;
    const g = goalFor(c.definition);
    const why = evidence(c, period.since, period.until);
    if (!g) {
      notes.push(`not expressible as a trigger: ${why}`);
      continue;
    }
    let id = g.id;
    for (let i = 2; used.has(id); i++) id = `${g.id}_${i}`;
    used.add(id);
    const yaml: Record<string, unknown> = {
      id,
      title: g.title,
      kind: "micro",
      role: "secondary",
      leads_to: [macro.id],
      trigger: g.trigger,
    };
    if (g.trigger.data_layer) yaml.event = c.definition.event;
    goals.push({ id, yaml, evidence: why });
  }
  return { goals, notes };
}

/** The suggestions as a goal file: each goal preceded by its evidence. */
export function suggestionsYaml(s: Suggestions, macroId: string): string {
  const header = [
    "# Suggested by `microgoals discover`: micro goals the data says lead to",
    `# ${macroId}. Review each one before you keep it: an association confirmed on half of the`,
    "# users, not proof that it causes conversions.",
    ...s.notes.map((n) => `# ${n}`),
  ];
  const body = s.goals.map((g) => {
    const item = stringify([g.yaml], { lineWidth: 0 }).trimEnd();
    return `  # ${g.evidence}\n${item.replace(/^/gm, "  ")}`;
  });
  return `${header.join("\n")}\ngoals:${body.length ? `\n${body.join("\n\n")}` : " []"}\n`;
}
