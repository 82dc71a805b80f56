// `microgoals schedule [dir]`: run the report on the project's cron schedule, keep history, alert.
import type { Command } from "commander";

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command): void {
  program
    .command("schedule")
    .description("Run the report on a cron schedule (report.schedule), keep its history, alert on changes")
    .argument("[dir]", "project directory", ".")
    .option("--once", "run one report now and exit (exit 3 when an alert fired)")
    .option("--cron <expr>", "cron expression (default: report.schedule in microgoals.yaml)")
    .option("--timezone <tz>", "time zone of the cron expression, e.g. Europe/Berlin (default: local)")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--since <date>", "start date (default: report.since)")
    .option("--until <date>", "end date (default: report.until)")
    .option("--format <format>", "table | md | csv | json | html", "html")
    .option("-o, --out <file>", "report file, rewritten each run (default: <dir>/reports/latest.<ext>)")
    .option(
      "--summary-md <file>",
      "also write each run as Markdown (e.g. a CI job summary), no extra API calls",
    )
    .option("--no-adjust", "crude association only: skip the adjusted effects (no strata requests per run)")
    .option("--history <file>", "JSONL history file (default: <dir>/reports/history.jsonl)")
    .option("--alert-on <rule>", 'extra alert rule, e.g. "drop>=20%" (repeatable)', collect, [])
    .option("--webhook <url>", "Slack-compatible webhook (default: env MICROGOALS_WEBHOOK_URL)")
    .option("--grace <seconds>", "on SIGTERM, how long the current run may still take", "30")
    .option("--endpoint <url>", "API endpoint (the emulator); default MICROGOALS_ENDPOINT or Google")
    .option("--credentials <file>", "service-account key file (default: Application Default Credentials)")
    .action(async (dir: string, flags) => {
      const { runScheduleCommand } = await import("../run/schedule.js");
      process.exitCode = await runScheduleCommand(dir, flags);
    });
}
