// `microgoals discover` in one call: count every candidate on the export (each half of the users),
// rank on one half, confirm on the other, mark what the spec already has, and suggest goals.
import type { Goal, Project } from "../../project/model.js";
import type { CandidateCounts, CandidateDefinition } from "./candidate.js";
import { type DiscoveredCandidate, pairCandidates, rankCandidates } from "./rank.js";
import { type Suggestions, suggestGoals } from "./suggest-goals.js";

/** Counts from one source: what the search ranks (the export files, the Data API, ...). */
export interface SourceCounts {
  candidates: CandidateCounts[];
  since: string;
  until: string;
  events: number;
  /** candidates the source left unqueried as too rare (added to the ranking's own) */
  tooRare?: number;
  cost?: { requests: number; tokens: number };
  caveats?: string[];
}

export interface CountsSource {
  /** how the source splits users into the two halves (the output's `split`) */
  split: string;
  count(ctx: {
    macroEvent: string;
    windowSeconds: number;
    minUsers: number;
    choosePairs: (singles: CandidateCounts[]) => CandidateDefinition[];
  }): Promise<SourceCounts>;
}

export interface DiscoverOptions {
  macroId: string;
  /** the export files (the default source) */
  files?: string;
  /** another source of counts (the Data API); default: the files */
  source?: CountsSource;
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
  split: string;
  tooRare: number;
  postConversion: string[];
  required: DiscoveredCandidate[];
  candidates: DiscoveredCandidate[];
  suggestions: Suggestions;
  /** Data API requests and tokens used (sources that charge per request) */
  cost?: { requests: number; tokens: number };
  /** answers the source flagged (thresholding, "(other)" rows, sampling) */
  caveats?: string[];
}

const FILES_SPLIT =
  "user_pseudo_id hash: discovery half ranks, confirmation half confirms (Benjamini–Hochberg)";

/** The export files through DuckDB (src/report/sources/files/discover-counts.ts). */
function filesSource(files: string, since?: string, until?: string): CountsSource {
  return {
    split: FILES_SPLIT,
    async count(ctx) {
      const { discoverCounts } = await import("../sources/files/discover-counts.js");
      return discoverCounts({ files, since, until, ...ctx });
    },
  };
}

export async function discover(project: Project, options: DiscoverOptions): Promise<Discovery> {
  const macro = project.goals.find((g) => g.id === options.macroId);
  if (!macro) throw new Error(`no goal ${options.macroId}`);
  const minUsers = project.report.minUsers;
  if (!options.source && !options.files) throw new Error("discover needs files or a source");
  const source = options.source ?? filesSource(options.files as string, options.since, options.until);
  const counts = await source.count({
    macroEvent: macro.event,
    windowSeconds: project.report.windowSeconds,
    minUsers,
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
    split: source.split,
    tooRare: ranked.tooRare + (counts.tooRare ?? 0),
    postConversion: ranked.postConversion,
    required: ranked.required,
    candidates: ranked.candidates,
    suggestions: suggestGoals(ranked.candidates, macro, new Set(project.goals.map((g) => g.id)), period),
    ...(counts.cost ? { cost: counts.cost } : {}),
    ...(counts.caveats && counts.caveats.length > 0 ? { caveats: counts.caveats } : {}),
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
