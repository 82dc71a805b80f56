// The report pipeline in one call, for the CLI and for in-process callers (the demo, scheduled
// runs): load the spec (or take a loaded Project), read the counts from a source (the Data API by
// default, or the GA4 export: files or BigQuery; see sources/report-source.ts), analyze, render.
// Network and files are touched only by the source.
import type { Project } from "../project/model.js";
import type { Analysis, HistoryPoint } from "./analysis.js";
import type { BreakdownRequest } from "./breakdown/dimensions.js";
import type { PredictRequest } from "./breakdown/run-predict.js";
import type { Format } from "./render/format.js";
import type { DataClientOptions, DataClients } from "./sources/data-api/clients.js";
import type { SourceOptions } from "./sources/source-options.js";

export interface RunReportOptions extends DataClientOptions {
  /** project directory (default "."); ignored when `project` is given */
  dir?: string;
  project?: Project;
  /** target name (default: the project's default_target) */
  target?: string;
  since?: string;
  until?: string;
  format?: Format;
  color?: boolean;
  /** the terminal's columns, for the table format (see render/fit-grid.ts); none = full width */
  width?: number;
  history?: HistoryPoint[];
  /** where the counts come from (default: the Data API with `endpoint`, `credentials`, `clients`) */
  source?: SourceOptions;
  /** reuse Data API clients (e.g. one per demo run); otherwise they are created and closed here */
  clients?: DataClients;
  generatedAt?: string;
  /** the clock for relative dates on the export sources (28daysAgo, yesterday); default the real one */
  now?: () => Date;
  /** `--by`: break the report down by one or two dimensions (export sources) */
  breakdown?: BreakdownRequest;
  /** `--predict` (needs `breakdown` and export files): the early verdict per segment */
  predict?: PredictRequest;
  /** rank milestones with the secondary actions (default: reported as steps) */
  includeMilestones?: boolean;
  /** false: skip the adjusted effects, crude association only (report --no-adjust) */
  adjust?: boolean;
}

export interface RunReportResult {
  analysis: Analysis;
  /** the analysis rendered in `format` (default table) */
  output: string;
}

export async function runReport(options: RunReportOptions = {}): Promise<RunReportResult> {
  const { loadValidProject } = await import("../project/load-valid.js");
  const { resolveTarget } = await import("../project/target.js");
  const { projectRules } = await import("./rules/index.js");
  const project =
    options.project ??
    (await loadValidProject(options.dir ?? ".", {
      rules: projectRules,
      consequence: "fix them before reporting",
    }));
  const target = resolveTarget(project, options.target);
  const now = options.now?.() ?? new Date();
  // Dates first: a bad one never costs a request. The files source's default is the files' span.
  const { checkDateRange } = await import("./date-range-check.js");
  const fromFiles = options.source?.kind === "files";
  checkDateRange(
    options.since ?? (fromFiles ? undefined : project.report.since),
    options.until ?? (fromFiles ? undefined : project.report.until),
    now,
  );
  if (options.breakdown) {
    const { checkBreakdownSource } = await import("./breakdown/source-support.js");
    checkBreakdownSource(options.source?.kind ?? "ga4");
  }
  const predicting = options.predict
    ? await (await import("./breakdown/predict-options.js")).checkPredict(project, options, now)
    : undefined;
  const { openReportSource } = await import("./sources/source-options.js");
  const { analyze } = await import("./analyze.js");
  const { render } = await import("./render/format.js");
  const source = await openReportSource(
    options.source ?? {
      kind: "ga4",
      endpoint: options.endpoint,
      credentials: options.credentials,
      clients: options.clients,
    },
  );
  try {
    const read = await source.read({
      project,
      propertyId: target.ga4.propertyId,
      since: options.since,
      until: options.until,
      now,
      breakdown: options.breakdown,
      adjust: options.adjust,
    });
    const { absoluteDateRange } = await import("./absolute-date-range.js");
    const input = { ...read, dateRange: absoluteDateRange(read.dateRange, now, read.timeZone) };
    const analysis = analyze(project, input, {
      target: target.name,
      history: options.history,
      generatedAt: options.generatedAt,
      includeMilestones: options.includeMilestones,
      adjust: options.adjust,
    });
    if (input.breakdown) {
      const { analyzeBreakdown } = await import("./breakdown/analyze-breakdown.js");
      analysis.breakdown = analyzeBreakdown(project, analysis, input.breakdown);
      if (predicting) analysis.breakdown.prediction = await predicting();
    }
    return {
      analysis,
      output: render(analysis, options.format ?? "table", { color: options.color, width: options.width }),
    };
  } finally {
    await source.close();
  }
}
