// `microgoals discover` in one call: count every candidate on the export (each half of the users),
// rank on one half, confirm on the other, mark what the spec already has, and suggest goals.
import type { Goal, Project } from "../../project/model.js";
import type { CandidateDefinition } from "./candidate.js";
import { type DiscoveredCandidate, pairCandidates, rankCandidates } from "./rank.js";
import { type Suggestions, suggestGoals } from "./suggest-goals.js";

export interface DiscoverOptions {
  macroId: string;
  files: string;
  since?: string;
  until?: string;
  /** strongest discovery-half candidates confirmed (default 30) */
  confirmTop?: number;
  alpha?: number;
}

export interface Discovery {
  schemaVersion: 1;
  macro: { id: string; title: string; event: string };
  since: string;
  until: string;
  events: number;
  windowSeconds: number;
  minUsers: number;
  split: "user_pseudo_id hash: discovery half ranks, confirmation half confirms (Benjamini–Hochberg)";
  tooRare: number;
  postConversion: string[];
  required: DiscoveredCandidate[];
  candidates: DiscoveredCandidate[];
  suggestions: Suggestions;
}

export async function discover(project: Project, options: DiscoverOptions): Promise<Discovery> {
  const macro = project.goals.find((g) => g.id === options.macroId);
  if (!macro) throw new Error(`no goal ${options.macroId}`);
  const minUsers = project.report.minUsers;
  const { discoverCounts } = await import("../sources/files/discover-counts.js");
  const counts = await discoverCounts({
    files: options.files,
    since: options.since,
    until: options.until,
    macroEvent: macro.event,
    windowSeconds: project.report.windowSeconds,
    choosePairs: (singles) => pairCandidates(singles, minUsers, 8),
  });
  const ranked = rankCandidates(counts.candidates, {
    minUsers,
    confirmTop: options.confirmTop ?? 30,
    alpha: options.alpha ?? 0.05,
    isKnown: (d) => isKnown(d, project.goals),
  });
  const period = { since: counts.since, until: counts.until };
  return {
    schemaVersion: 1,
    macro: { id: macro.id, title: macro.title, event: macro.event },
    ...period,
    events: counts.events,
    windowSeconds: project.report.windowSeconds,
    minUsers,
    split: "user_pseudo_id hash: discovery half ranks, confirmation half confirms (Benjamini–Hochberg)",
    tooRare: ranked.tooRare,
    postConversion: ranked.postConversion,
    required: ranked.required,
    candidates: ranked.candidates,
    suggestions: suggestGoals(ranked.candidates, macro, new Set(project.goals.map((g) => g.id)), period),
  };
}

/** A candidate the spec already has: a goal on that event (for a parameter, mentioning its value). */
export function isKnown(d: CandidateDefinition, goals: readonly Goal[]): boolean {
  if (d.and) {
    const { and, ...first } = d;
    return isKnown(first, goals) && isKnown(and, goals);
  }
  return goals.some((g) => {
    if (g.event !== d.event) return false;
    if (!d.param) return true;
    return JSON.stringify(g.trigger).includes(JSON.stringify(d.value ?? "").slice(1, -1));
  });
}
