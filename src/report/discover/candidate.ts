// What discovery searches: candidate micro conversions nobody declared, as plain data. A candidate
// is an event, an event with one parameter value, a frequency threshold ("did X at least N times
// within D days of the first visit") or a combination of two of those.

export type CandidateKind = "event" | "param" | "threshold" | "combination";

export interface CandidateDefinition {
  event: string;
  param?: string;
  value?: string;
  minCount?: number;
  withinDays?: number;
  and?: CandidateDefinition;
}

/** The counts one half of the users gives for one candidate (the crude 2×2 of the report). */
export interface HalfCounts {
  users: number;
  /** users who did the candidate (before converting or not) */
  doers: number;
  /** doers who converted within the window after doing it */
  convertedAfter: number;
  /** users who never did it, and of them those who converted */
  nonDoers: number;
  nonDoersConverted: number;
  /** converters in this half, and of them those who did the candidate before converting */
  converters: number;
  convertersBefore: number;
  /** doers whose first time came only after they had converted */
  onlyAfterConverting: number;
}

export interface CandidateCounts {
  definition: CandidateDefinition;
  kind: CandidateKind;
  discovery: HalfCounts;
  confirmation: HalfCounts;
}

/** Frequency thresholds the issue asks for: N ∈ {1, 2, 3, 5, 10} within D ∈ {1, 7, 28} days. */
export const THRESHOLD_COUNTS = [1, 2, 3, 5, 10] as const;
export const THRESHOLD_DAYS = [1, 7, 28] as const;

/** Parameters whose values are worth a candidate of their own. */
export const CANDIDATE_PARAMS = [
  "page_path",
  "link_domain",
  "file_extension",
  "video_title",
  "search_term",
  "content_group",
] as const;

export function label(d: CandidateDefinition): string {
  const base = d.param ? `${d.event} · ${d.param}=${d.value}` : d.event;
  const threshold = d.minCount ? ` ×${d.minCount}+ within ${d.withinDays} d` : "";
  return d.and ? `${base}${threshold} and ${label(d.and)}` : `${base}${threshold}`;
}

export function kindOf(d: CandidateDefinition): CandidateKind {
  if (d.and) return "combination";
  if (d.minCount !== undefined) return "threshold";
  return d.param ? "param" : "event";
}
