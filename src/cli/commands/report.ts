// `microgoals report [dir]`: micro-to-macro conversion report from GA4 (see docs/report.md), from
// the Data API (default) or the GA4 BigQuery export: files through DuckDB, or BigQuery itself
// (see docs/export.md).
import type { Command } from "commander";

import type { RunReportOptions } from "../../report/run-report.js";
import type { ReportFlags } from "../run/report-source-flags.js";
import { terminalWidth } from "../terminal-width.js";

export function register(program: Command): void {
  program
    .command("report")
    .description("Report how each micro goal relates to the macro goals it leads to (GA4 Data API or export)")
    .argument("[dir]", "project directory", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--since <date>", "start date: YYYY-MM-DD, NdaysAgo, yesterday, today (default: report.since)")
    .option("--until <date>", "end date (default: report.until)")
    .option("--format <format>", "table | md | csv | json | html", "table")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .option("--include-milestones", "rank milestones (role: milestone) with the secondary actions")
    .option(
      "--no-adjust",
      "crude association only: skip the adjusted effects (faster; no sessions query, no strata requests)",
    )
    .option("--source <source>", "ga4 (Data API) | files (GA4 export files) | bigquery (GA4 export)", "ga4")
    .option("--endpoint <url>", "ga4: API endpoint (the emulator); default MICROGOALS_ENDPOINT or Google")
    .option(
      "--credentials <file>",
      "ga4: service-account key file (default: Application Default Credentials)",
    )
    .option("--files <glob>", "files: export files, e.g. 'exports/events_*.parquet' (Parquet or NDJSON)")
    .option(
      "--offline <file>",
      "files: offline outcomes (CSV/NDJSON, as for offline send) joined to users by client id",
    )
    .option("--goal <id>", "files, with --offline: the offline goal the outcomes are")
    .option("--allow-gaps", "files, bigquery: report even when days in the range have no events")
    .option("--dataset <project.analytics_N>", "bigquery: the GA4 export dataset")
    .option("--billing-project <id>", "bigquery: project billed for the query (default: the dataset's)")
    .option("--max-bytes <n>", "bigquery: refuse queries that would scan more bytes (default 10 GB)")
    .option("--intraday", "bigquery: include today's events_intraday_* tables")
    .option("--location <loc>", "bigquery: dataset location, e.g. US or EU")
    .option(
      "--by <dimension>",
      "break down by channel | source | medium | campaign | device | country | landing_page | new_vs_returning (up to two)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      "--by-scope <scope>",
      "first_visit (default: each user in the segment of their first visit) | session",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--predict", "with --by, files: each segment's eventual macro rate from its micro goals so far")
    .option(
      "--train-since <date>",
      "--predict: start of the mature training period (default: the one before)",
    )
    .option("--train-until <date>", "--predict: end of the training period")
    .option("--history <file>", "append this run to a JSONL history, compare with the previous period, alert")
    .option(
      "--alert-on <rule>",
      'alert rule such as "drop>=20%", "rise>=50%", "drop>=5pp" (repeatable; adds to report.alerts)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--webhook <url>", "post a Slack-compatible summary and alerts (env MICROGOALS_WEBHOOK_URL)")
    .action(async (dir: string, flags: ReportFlags) => {
      const { isFormat, FORMATS } = await import("../../report/render/format.js");
      const { UsageError } = await import("../../errors.js");
      if (!isFormat(flags.format)) {
        throw new UsageError(`unknown --format ${flags.format}`, `use one of: ${FORMATS.join(", ")}`);
      }
      const { checkAlertFlags } = await import("../run/flag-checks.js");
      checkAlertFlags(flags.alertOn);
      const { sourceFromFlags } = await import("../run/report-source-flags.js");
      let source = sourceFromFlags(flags);
      if (flags.offline !== undefined || flags.goal !== undefined) {
        const { withOfflineOutcomes } = await import("../run/report-offline.js");
        source = await withOfflineOutcomes(dir, flags, source);
      }
      const { breakdownFromFlags } = await import("../../report/breakdown/dimensions.js");
      const breakdown = breakdownFromFlags(flags.by ?? [], flags.byScope ?? []);
      if (breakdown) {
        const { checkBreakdownSource } = await import("../../report/breakdown/source-support.js");
        checkBreakdownSource(flags.source);
      }
      const color =
        !flags.out && flags.format === "table" && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const webhookUrl = flags.webhook ?? process.env.MICROGOALS_WEBHOOK_URL;
      if (flags.alertOn.length > 0 && !flags.history) {
        throw new UsageError(
          "--alert-on needs --history",
          "alerts compare this run with the previous one in the history file",
        );
      }
      const options = {
        dir,
        target: flags.target,
        since: flags.since,
        until: flags.until,
        format: flags.format,
        color,
        // A terminal gets a table that fits it; a file or a pipe keeps every column (docs/report.md).
        width: flags.out ? undefined : terminalWidth(process.stdout),
        endpoint: flags.endpoint,
        credentials: flags.credentials,
        breakdown,
        predict: flags.predict ? { trainSince: flags.trainSince, trainUntil: flags.trainUntil } : undefined,
        includeMilestones: flags.includeMilestones === true,
        adjust: flags.adjust,
      };
      if (!flags.predict && (flags.trainSince || flags.trainUntil))
        throw new UsageError("--train-since and --train-until are for --predict");
      // Every source returns the same result, so history, alerts and the webhook work unchanged
      // on top of any of them.
      const { runReport: run } = await import("../../report/run-report.js");
      const { showStagesOnTerminal } = await import("../report-stages.js");
      // The stages on a terminal's stderr while the report runs, cleared before anything is written.
      const runReport = async (o: RunReportOptions) => {
        const stop = showStagesOnTerminal();
        try {
          return await run({ ...o, source });
        } finally {
          stop();
        }
      };
      if (flags.history || webhookUrl) {
        // Exit code 3 when an alert fires; the report and the history entry are written first.
        const { reportWithHistory } = await import("../../schedule/report-with-history.js");
        const result = await reportWithHistory({
          ...options,
          runReport,
          out: flags.out,
          historyPath: flags.history,
          alertOn: flags.alertOn,
          webhookUrl,
        });
        process.exitCode = result.record.exitCode;
        return;
      }
      const { output, analysis } = await runReport(options);
      if (flags.out) {
        const { writeReport } = await import("../../files/write-report.js");
        await writeReport(flags.out, output);
        console.error(`microgoals: report written to ${flags.out}`);
      } else {
        process.stdout.write(output);
      }
      if (flags.source === "ga4") {
        const { emptyEmulatorHint } = await import("../run/empty-emulator-hint.js");
        const hint = emptyEmulatorHint(analysis, flags.endpoint ?? process.env.MICROGOALS_ENDPOINT);
        if (hint) console.error(`microgoals: ${hint}`);
      }
    });
}
