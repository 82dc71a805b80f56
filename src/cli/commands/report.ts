// `microgoals report [dir]`: micro-to-macro conversion report from GA4 (see docs/report.md).
import type { Command } from "commander";

interface ReportFlags {
  target?: string;
  since?: string;
  until?: string;
  format: string;
  out?: string;
  endpoint?: string;
  credentials?: string;
  history?: string;
  alertOn: string[];
  webhook?: string;
}

export function register(program: Command): void {
  program
    .command("report")
    .description("Report how each micro goal relates to the macro goals it leads to (GA4 Data API)")
    .argument("[dir]", "project directory", ".")
    .option("--target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--since <date>", "start date: YYYY-MM-DD, NdaysAgo, yesterday, today (default: report.since)")
    .option("--until <date>", "end date (default: report.until)")
    .option("--format <format>", "table | md | csv | json | html", "table")
    .option("--out <file>", "write to a file instead of stdout")
    .option("--endpoint <url>", "API endpoint (the emulator); default MICROGOALS_ENDPOINT or Google")
    .option("--credentials <file>", "service-account key file (default: Application Default Credentials)")
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
      const { UsageError } = await import("../failure.js");
      if (!isFormat(flags.format)) {
        throw new UsageError(`unknown --format ${flags.format}`, `use one of: ${FORMATS.join(", ")}`);
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
      if (flags.history || webhookUrl) {
        // Exit code 3 when an alert fires; the report and the history entry are written first.
        const { reportWithHistory } = await import("../../schedule/report-with-history.js");
        const result = await reportWithHistory({
          dir,
          target: flags.target,
          since: flags.since,
          until: flags.until,
          format: flags.format,
          color,
          endpoint: flags.endpoint,
          credentials: flags.credentials,
          out: flags.out,
          historyPath: flags.history,
          alertOn: flags.alertOn,
          webhookUrl,
        });
        process.exitCode = result.record.exitCode;
        return;
      }
      const { runReport } = await import("../../report/run-report.js");
      const { output } = await runReport({
        dir,
        target: flags.target,
        since: flags.since,
        until: flags.until,
        format: flags.format,
        color,
        endpoint: flags.endpoint,
        credentials: flags.credentials,
      });
      if (flags.out) {
        const { writeFile } = await import("node:fs/promises");
        await writeFile(flags.out, output);
        console.error(`microgoals: report written to ${flags.out}`);
      } else {
        process.stdout.write(output);
      }
    });
}
