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
    .action(async (dir: string, flags: ReportFlags) => {
      const { isFormat, FORMATS } = await import("../../report/render/format.js");
      const { UsageError } = await import("../failure.js");
      if (!isFormat(flags.format)) {
        throw new UsageError(`unknown --format ${flags.format}`, `use one of: ${FORMATS.join(", ")}`);
      }
      const { runReport } = await import("../../report/run-report.js");
      const color =
        !flags.out && flags.format === "table" && process.stdout.isTTY === true && !process.env.NO_COLOR;
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
