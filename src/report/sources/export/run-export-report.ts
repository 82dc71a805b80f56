// `microgoals report --source files|bigquery` in one call: the GA4-export twin of runReport
// (src/report/run-report.ts). Same options, same result, so the CLI and scheduled runs (history,
// alerts, webhook) can swap one for the other; only where the counts come from differs.

import { UsageError } from "../../../errors.js";
import { loadValidProject } from "../../../project/load-valid.js";
import { resolveTarget } from "../../../project/target.js";
import { resolveDate } from "../../period.js";
import { projectRules } from "../../rules/index.js";
import type { RunReportOptions, RunReportResult } from "../../run-report.js";
import type { ExportReportInput } from "./read-result.js";

export type ExportSourceOptions =
  | { kind: "files"; files: string; allowGaps?: boolean }
  | {
      kind: "bigquery";
      dataset: string;
      billingProject?: string;
      maxBytes?: number;
      intraday?: boolean;
      location?: string;
      allowGaps?: boolean;
    };

export interface RunExportReportOptions extends RunReportOptions {
  source: ExportSourceOptions;
  /** "now" for relative dates (28daysAgo, yesterday); default the real time */
  now?: Date;
}

export async function runExportReport(options: RunExportReportOptions): Promise<RunReportResult> {
  const project =
    options.project ??
    (await loadValidProject(options.dir ?? ".", {
      rules: projectRules,
      consequence: "fix them before reporting",
    }));
  const target = resolveTarget(project, options.target);
  const { analyze } = await import("../../analyze.js");
  const { render } = await import("../../render/format.js");
  const src = options.source;
  const now = options.now ?? new Date();
  let input: ExportReportInput;
  if (src.kind === "files") {
    const { filesReport } = await import("../files/files-source.js");
    // Without --since/--until the files' own first and last day are the range.
    input = await filesReport(project, {
      files: src.files,
      since: options.since && calendarDate("--since", options.since, now),
      until: options.until && calendarDate("--until", options.until, now),
      allowGaps: src.allowGaps,
      propertyId: target.ga4.propertyId,
    });
  } else {
    const { bigQueryReport } = await import("../bigquery/bigquery-source.js");
    input = await bigQueryReport(project, {
      dataset: src.dataset,
      billingProject: src.billingProject,
      maxBytes: src.maxBytes,
      intraday: src.intraday,
      location: src.location,
      allowGaps: src.allowGaps,
      since: calendarDate("--since", options.since ?? project.report.since, now),
      until: calendarDate("--until", options.until ?? project.report.until, now),
    });
  }
  const analysis = analyze(project, input, {
    target: target.name,
    history: options.history,
    generatedAt: options.generatedAt,
  });
  return { analysis, output: render(analysis, options.format ?? "table", { color: options.color }) };
}

/** A GA4 date expression as YYYY-MM-DD (UTC); the export's tables are named by calendar day. */
function calendarDate(flag: string, expression: string, now: Date): string {
  try {
    return resolveDate(expression, now);
  } catch {
    throw new UsageError(
      `${flag} ${expression} is not a date`,
      "Use YYYY-MM-DD, today, yesterday or NdaysAgo.",
    );
  }
}
