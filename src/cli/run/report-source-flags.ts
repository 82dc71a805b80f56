// `report`'s flags that pick a source: --source and the flags that belong to each source. A flag
// given for another source is a usage error, not silently ignored.
import { UsageError } from "../../errors.js";
import type { SourceOptions } from "../../report/sources/source-options.js";

export interface ReportFlags {
  target?: string;
  since?: string;
  until?: string;
  format: string;
  out?: string;
  endpoint?: string;
  credentials?: string;
  history?: string;
  alertOn: string[];
  /** `--by` dimensions and `--by-scope` (breakdown/dimensions.ts checks them) */
  by?: string[];
  byScope?: string[];
  predict?: boolean;
  trainSince?: string;
  trainUntil?: string;
  webhook?: string;
  source: string;
  files?: string;
  allowGaps?: boolean;
  dataset?: string;
  billingProject?: string;
  maxBytes?: string;
  intraday?: boolean;
  location?: string;
  offline?: string;
  goal?: string;
  includeMilestones?: boolean;
  /** false with --no-adjust (commander's default for a --no- flag is true) */
  adjust?: boolean;
}

const SOURCES = ["ga4", "files", "bigquery"] as const;

/** Flags that only mean something for one source: given with another, they are a usage error. */
const sourceFlags: Record<string, (keyof ReportFlags)[]> = {
  ga4: ["endpoint", "credentials"],
  files: ["files", "offline", "goal"],
  bigquery: ["dataset", "billingProject", "maxBytes", "intraday", "location"],
};

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** --source and its flags → the export source to read (undefined: the Data API). */
export function sourceFromFlags(flags: ReportFlags): SourceOptions | undefined {
  const source = flags.source;
  if (!(SOURCES as readonly string[]).includes(source))
    throw new UsageError(`unknown --source ${source}`, `use one of: ${SOURCES.join(", ")}`);
  for (const [owner, keys] of Object.entries(sourceFlags)) {
    if (owner === source) continue;
    const misplaced = keys.find((k) => flags[k] !== undefined);
    if (misplaced) throw new UsageError(`${flagName(misplaced)} is for --source ${owner}, not ${source}`);
  }
  if (source === "ga4") {
    if (flags.allowGaps) throw new UsageError("--allow-gaps is for --source files or bigquery, not ga4");
    return undefined;
  }
  if (source === "files") {
    if (!flags.files)
      throw new UsageError("--source files needs --files", "e.g. --files 'exports/events_*.parquet'");
    return { kind: "files" as const, files: flags.files, allowGaps: flags.allowGaps };
  }
  if (!flags.dataset)
    throw new UsageError(
      "--source bigquery needs --dataset",
      "e.g. --dataset my-project.analytics_123456789",
    );
  let maxBytes: number | undefined;
  if (flags.maxBytes !== undefined) {
    maxBytes = Number(flags.maxBytes);
    if (!Number.isInteger(maxBytes) || maxBytes <= 0)
      throw new UsageError(`--max-bytes must be a positive whole number of bytes, got "${flags.maxBytes}"`);
  }
  return {
    kind: "bigquery" as const,
    dataset: flags.dataset,
    billingProject: flags.billingProject,
    maxBytes,
    intraday: flags.intraday,
    location: flags.location,
    allowGaps: flags.allowGaps,
  };
}
