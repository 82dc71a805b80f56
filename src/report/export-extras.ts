// What user-level sources (the GA4 export: files, BigQuery) add to a report beyond the Data API's
// aggregates. Plain data, read by analysis and renderers, produced by the export sources.

export interface TimeToConvert {
  microId: string;
  macroId: string;
  /** users with a micro → macro conversion in the window */
  converters: number;
  /** null when no one converted */
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface GoalPath {
  /** goal ids, oldest first; empty when no micro goal preceded the conversion */
  steps: string[];
  conversions: number;
  users: number;
}

export interface ReversePaths {
  macroId: string;
  /** all conversions of the macro goal in the range (the top paths are a subset) */
  conversions: number;
  top: GoalPath[];
}

export interface DayCount {
  date: string; // YYYYMMDD
  events: number;
  users: number;
}

/** What a report from the GA4 export knows beyond the Data API's aggregates. */
export interface ExportExtras {
  totalEvents: number;
  /** events and users per event_date, for the days that have events */
  days: DayCount[];
  /** per pair, in pair order: from the earliest micro in the window to the first converting macro */
  timeToConvert: TimeToConvert[];
  /** per macro goal: the most common micro-goal paths in the window before a conversion */
  reversePaths: ReversePaths[];
  /** how goals were matched and what the data lacks (conditions not readable, missing days) */
  notes: string[];
  /** bytes BigQuery scanned; null for files (DuckDB reports none) */
  bytesProcessed: number | null;
}
