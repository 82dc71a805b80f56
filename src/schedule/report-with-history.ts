// A report run that remembers: read the history (for the trend chart and the comparison), run the
// report, write it, then append the run to the history and notify (recordRun). Used by
// `microgoals schedule` on every tick and by `microgoals report --history/--webhook`.

import { writeReport } from "../files/write-report.js";
import { loadValidProject } from "../project/load-valid.js";
import { projectRules } from "../report/rules/index.js";
import type { RunReportOptions, RunReportResult } from "../report/run-report.js";
import { parseAlertRules } from "./alert-rule.js";
import { historyEntryFromAnalysis } from "./entry-from-analysis.js";
import { type HistoryRead, readHistoryTolerant } from "./history.js";
import { historyPoints } from "./history-points.js";
import { type RecordRunResult, recordRun } from "./record-run.js";
import type { WebhookOptions } from "./webhook.js";

export interface ReportWithHistoryOptions extends RunReportOptions {
  /** write the rendered report here (directories are created); without it, `write` gets it */
  out?: string;
  /** where the output goes when there is no `out` (default stdout) */
  write?: (output: string) => void | Promise<void>;
  /** also write the same run as Markdown here (e.g. for a CI job summary): no second report run */
  summaryMd?: string;
  historyPath?: string;
  /** rules from --alert-on, on top of the project's report.alerts */
  alertOn?: string[];
  alpha?: number;
  webhookUrl?: string;
  webhook?: WebhookOptions;
  log?: (line: string) => void;
  /** the report pipeline; the real one (src/report/run-report.ts) unless a test injects another */
  runReport?: (options: RunReportOptions) => Promise<RunReportResult>;
  now?: () => Date;
}

export interface ReportWithHistoryResult extends RunReportResult {
  record: RecordRunResult;
}

export async function reportWithHistory(options: ReportWithHistoryOptions): Promise<ReportWithHistoryResult> {
  const project =
    options.project ??
    (await loadValidProject(options.dir ?? ".", {
      rules: projectRules,
      consequence: "fix them before reporting",
    }));
  // Parsed once, here: a typo fails before any API call, and recordRun gets the parsed rules.
  const rules = parseAlertRules([...project.report.alerts, ...(options.alertOn ?? [])]);
  const target = options.target ?? project.defaultTarget;
  const history: HistoryRead = options.historyPath
    ? readHistoryTolerant(options.historyPath)
    : { entries: [], problems: [] };

  const run = options.runReport ?? (await import("../report/run-report.js")).runReport;
  const {
    runReport: _injected,
    out,
    write,
    summaryMd,
    historyPath,
    alertOn: _alertOn,
    webhookUrl,
    webhook,
    log,
    alpha,
    now,
    ...reportOptions
  } = options;
  const result = await run({
    ...reportOptions,
    project,
    target,
    history: historyPoints(history.entries, target),
  });

  // The report is on disk (or printed) before the history changes or the network is touched.
  if (out) {
    await writeReport(out, result.output);
  } else {
    await (write ?? ((s: string) => void process.stdout.write(s)))(result.output);
  }
  if (summaryMd) {
    const { renderMarkdown } = await import("../report/render/markdown.js");
    await writeReport(summaryMd, renderMarkdown(result.analysis));
  }

  const entry = historyEntryFromAnalysis(result.analysis, (now ?? (() => new Date()))());
  const record = await recordRun({
    entry,
    historyPath,
    history,
    rules,
    alpha,
    webhookUrl,
    webhook,
    log,
    summary: { title: `microgoals report: ${project.name} (${entry.target})`, link: out },
  });
  return { ...result, record };
}
