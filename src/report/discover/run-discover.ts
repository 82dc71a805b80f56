// `microgoals discover` in one call: count every candidate on the export (each half of the users),
// rank on one half, confirm on the other, mark what the spec already has, and suggest goals.
import type { Goal, Project } from "../../project/model.js";
import { reportStage } from "../report-stage.js";
import type { DataClients } from "../sources/data-api/clients.js";
import type { SourceOptions } from "../sources/source-options.js";
import type { CandidateCounts, CandidateDefinition } from "./candidate.js";
import { candidateGoals } from "./candidate-goals.js";
import { adjustedConfirms, type DiscoveredCandidate, pairCandidates, rankCandidates } from "./rank.js";
import { type Suggestions, suggestGoals } from "./suggest-goals.js";

/** Where discover counts: export files through DuckDB, the export dataset in BigQuery, or the Data API. */
export type DiscoverSource =
  | { kind: "files"; files: string }
  | Omit<Extract<SourceOptions, { kind: "bigquery" }>, "allowGaps">
  | {
      kind: "ga4";
      clients: DataClients;
      propertyId: string;
      /** parameter names of the property's EVENT-scoped custom dimensions */
      customParams: string[];
      /** refuse the search when its estimated tokens exceed this */
      maxTokens?: number;
      /** told the cost estimate before the search and the tokens used after */
      onCost?: (line: string) => void;
    };

const HASH_SPLIT =
  "user_pseudo_id hash: discovery half ranks, confirmation half confirms (Benjamini–Hochberg)";

export interface DiscoverOptions {
  macroId: string;
  /** the report's adjusted estimator at the confirmation stage (export sources); default true */
  adjust?: boolean;
  source: DiscoverSource;
  /** YYYY-MM-DD; for files the default is the files' span, for BigQuery the project's report period */
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
  /** how users were split into the two halves (a hash of the user id; the Data API cannot hash) */
  split: string;
  /** BigQuery: bytes the statements scanned */
  bytesProcessed?: number;
  tooRare: number;
  postConversion: string[];
  required: DiscoveredCandidate[];
  candidates: DiscoveredCandidate[];
  suggestions: Suggestions;
  /** Data API: requests and tokens used */
  cost?: { requests: number; tokens: number };
  /** Data API: answers GA4 flagged (thresholding, "(other)" rows, sampling) */
  caveats?: string[];
}

export async function discover(project: Project, options: DiscoverOptions): Promise<Discovery> {
  const macro = project.goals.find((g) => g.id === options.macroId);
  if (!macro) throw new Error(`no goal ${options.macroId}`);
  const minUsers = project.report.minUsers;
  const choosePairs = (singles: CandidateCounts[]) => pairCandidates(singles, minUsers, 8);
  const common = {
    macroEvent: macro.event,
    windowSeconds: project.report.windowSeconds,
    minUsers,
    choosePairs,
  };
  reportStage("discover: counting every event, parameter value and pair");
  const counts = await countCandidates(options, common);
  const ranked = rankCandidates(counts.candidates, {
    minUsers,
    confirmTop: options.confirmTop ?? 30,
    alpha: options.alpha ?? 0.05,
    isKnown: (d) => isKnown(d, project.goals),
  });
  const period = { since: counts.since, until: counts.until };
  if (options.source.kind !== "ga4" && options.adjust !== false) {
    reportStage("discover: adjusting the confirmed candidates");
    await adjustConfirmed(project, macro, ranked.candidates, options.source, period);
  }
  return {
    schemaVersion: 1,
    macro: { id: macro.id, title: macro.title, event: macro.event },
    ...period,
    events: counts.events,
    ...(counts.bytes !== undefined ? { bytesProcessed: counts.bytes } : {}),
    windowSeconds: project.report.windowSeconds,
    minUsers,
    split: counts.split ?? HASH_SPLIT,
    tooRare: ranked.tooRare + (counts.tooRare ?? 0),
    postConversion: ranked.postConversion,
    required: ranked.required,
    candidates: ranked.candidates,
    suggestions: suggestGoals(ranked.candidates, macro, new Set(project.goals.map((g) => g.id)), period),
    ...(counts.cost ? { cost: counts.cost } : {}),
    ...(counts.caveats && counts.caveats.length > 0 ? { caveats: counts.caveats } : {}),
  };
}

/**
 * The candidates tested at the confirmation stage, measured again with the report's adjusted
 * estimator on the confirmation half: a candidate stays confirmed only if the adjusted interval is
 * above no effect too (where it could be adjusted; otherwise the crude decision stands).
 */
async function adjustConfirmed(
  project: Project,
  macro: Goal,
  candidates: DiscoveredCandidate[],
  source: Exclude<DiscoverSource, { kind: "ga4" }>,
  period: { since: string; until: string },
): Promise<void> {
  const tested = candidates.filter((c) => c.confirmation.qValue !== null);
  const goals = candidateGoals(
    project,
    macro,
    tested.map((c) => c.definition),
  );
  if (goals.candidates.size === 0) return;
  const effects =
    source.kind === "files"
      ? await (await import("../sources/files/discover-effects.js")).filesCandidateEffects(
          source.files,
          goals,
          period.since,
          period.until,
        )
      : await (await import("../sources/bigquery/bigquery-discover-effects.js")).bigQueryCandidateEffects(
          source,
          goals,
          period.since,
          period.until,
        );
  const byDefinition = new Map(
    [...goals.candidates].map(([id, d]) => [JSON.stringify(d), effects.get(id)] as const),
  );
  for (const c of tested) {
    const adjusted = byDefinition.get(JSON.stringify(c.definition));
    if (!adjusted) continue;
    c.confirmation.adjusted = adjusted;
    const confirms = adjustedConfirms(adjusted);
    if (confirms !== undefined) c.significant = c.significant && confirms;
  }
}

/** What a source hands the ranking. */
interface SourceCounts {
  candidates: CandidateCounts[];
  since: string;
  until: string;
  events: number;
  /** BigQuery: bytes scanned */
  bytes?: number;
  /** Data API: candidates left unqueried as too rare (added to the ranking's own) */
  tooRare?: number;
  cost?: { requests: number; tokens: number };
  caveats?: string[];
  /** a split other than the user id hash */
  split?: string;
}

async function countCandidates(
  options: DiscoverOptions,
  common: {
    macroEvent: string;
    windowSeconds: number;
    minUsers: number;
    choosePairs: (singles: CandidateCounts[]) => CandidateDefinition[];
  },
): Promise<SourceCounts> {
  const { source, since, until } = options;
  if (source.kind === "files") {
    const { discoverCounts } = await import("../sources/files/discover-counts.js");
    return discoverCounts({ files: source.files, since, until, ...common });
  }
  if (!since || !until) throw new Error(`discover on ${source.kind} needs resolved dates`);
  if (source.kind === "ga4") {
    const { dataApiDiscoverCounts } = await import("../sources/data-api/discover-counts.js");
    const { SPLIT_DESCRIPTION } = await import("../sources/data-api/discover-queries.js");
    const { kind: _, ...ga4 } = source;
    const counts = await dataApiDiscoverCounts({ ...ga4, since, until, ...common });
    return { ...counts, split: SPLIT_DESCRIPTION };
  }
  const { bigQueryDiscoverCounts } = await import("../sources/bigquery/bigquery-discover.js");
  return bigQueryDiscoverCounts({ ...source, since, until, ...common });
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
