// `microgoals report [dir]`: micro-to-macro conversion report from GA4 (see docs/report.md), from
// the Data API (default) or the GA4 BigQuery export: files through DuckDB, or BigQuery itself
// (see docs/export.md).
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
  source: string;
  files?: string;
  allowGaps?: boolean;
  dataset?: string;
  billingProject?: string;
  maxBytes?: string;
  intraday?: boolean;
  location?: string;
  includeMilestones?: boolean;
}

const SOURCES = ["ga4", "files", "bigquery"] as const;

/** Flags that only mean something for one source: given with another, they are a usage error. */
const sourceFlags: Record<string, (keyof ReportFlags)[]> = {
  ga4: ["endpoint", "credentials"],
  files: ["files"],
  bigquery: ["dataset", "billingProject", "maxBytes", "intraday", "location"],
};

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function register(program: Command): void {
  program
    .command("report")
    .description("Report how each micro goal relates to the macro goals it leads to (GA4 Data API or export)")
    .argument("[dir]", "project directory", ".")
    .option("--target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--since <date>", "start date: YYYY-MM-DD, NdaysAgo, yesterday, today (default: report.since)")
    .option("--until <date>", "end date (default: report.until)")
    .option("--format <format>", "table | md | csv | json | html", "table")
    .option("--out <file>", "write to a file instead of stdout")
    .option("--include-milestones", "rank milestones (role: milestone) with the secondary actions")
    .option("--source <source>", "ga4 (Data API) | files (GA4 export files) | bigquery (GA4 export)", "ga4")
    .option("--endpoint <url>", "ga4: API endpoint (the emulator); default MICROGOALS_ENDPOINT or Google")
    .option(
      "--credentials <file>",
      "ga4: service-account key file (default: Application Default Credentials)",
    )
    .option("--files <glob>", "files: export files, e.g. 'exports/events_*.parquet' (Parquet or NDJSON)")
    .option("--allow-gaps", "files, bigquery: report even when days in the range have no events")
    .option("--dataset <project.analytics_N>", "bigquery: the GA4 export dataset")
    .option("--billing-project <id>", "bigquery: project billed for the query (default: the dataset's)")
    .option("--max-bytes <n>", "bigquery: refuse queries that would scan more bytes (default 10 GB)")
    .option("--intraday", "bigquery: include today's events_intraday_* tables")
    .option("--location <loc>", "bigquery: dataset location, e.g. US or EU")
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
      const source = await exportSource(flags);
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
        endpoint: flags.endpoint,
        credentials: flags.credentials,
        includeMilestones: flags.includeMilestones === true,
      };
      // The export sources return the same result as the Data API path, so history, alerts and
      // the webhook work unchanged on top of either.
      const { runReport } = source
        ? await import("../../report/sources/export/run-export-report.js").then((m) => ({
            runReport: (o: Omit<Parameters<typeof m.runExportReport>[0], "source">) =>
              m.runExportReport({ ...o, source }),
          }))
        : await import("../../report/run-report.js");
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
      const { output } = await runReport(options);
      if (flags.out) {
        const { writeFile } = await import("node:fs/promises");
        await writeFile(flags.out, output);
        console.error(`microgoals: report written to ${flags.out}`);
      } else {
        process.stdout.write(output);
      }
    });
}

/** --source and its flags → the export source to read (undefined: the Data API). */
async function exportSource(flags: ReportFlags) {
  const { UsageError } = await import("../failure.js");
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
