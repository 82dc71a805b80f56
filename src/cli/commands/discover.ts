import type { Command } from "commander";
import type { DiscoverFlags } from "../run/discover.js";

export function register(program: Command): void {
  program
    .command("discover")
    .description(
      "Find the micro conversions nobody declared: every event, parameter value, threshold and pair against a macro goal, confirmed on held-out users",
    )
    .argument("[dir]", "project directory", ".")
    .requiredOption("--macro <goal>", "the macro goal to explain")
    .option(
      "--source <source>",
      "files (GA4 export files through DuckDB) | bigquery (the export dataset) | ga4 (the Data API)",
      "files",
    )
    .option("--files <glob>", "files: export files, e.g. 'exports/events_*.parquet' (Parquet or NDJSON)")
    .option("--dataset <project.analytics_N>", "bigquery: the GA4 export dataset")
    .option("--billing-project <id>", "bigquery: project billed for the queries (default: the dataset's)")
    .option(
      "--max-bytes <n>",
      "bigquery: refuse when the queries would scan more bytes in all (default 10 GB)",
    )
    .option("--intraday", "bigquery: also read today's events_intraday_* tables")
    .option("--location <loc>", "bigquery: dataset location, e.g. US or EU")
    .option("--target <name>", "ga4: the target whose property is searched (default: default_target)")
    .option("--endpoint <url>", "ga4: Data/Admin API endpoint (the emulator); default MICROGOALS_ENDPOINT")
    .option(
      "--credentials <file>",
      "ga4: service-account key file (default: Application Default Credentials)",
    )
    .option("--max-tokens <n>", "ga4: refuse the search when its estimated Data API tokens exceed n")
    .option(
      "--since <date>",
      "first day, YYYY-MM-DD or NdaysAgo (default: the files' first day; bigquery, ga4: the project's report period)",
    )
    .option(
      "--until <date>",
      "last day (default: the files' last day; bigquery, ga4: the project's report period)",
    )
    .option("--format <format>", "table | md | json", "table")
    .option("-o, --out <file>", "write the table to a file instead of stdout")
    .option("--write <file>", "write the confirmed, undeclared drivers as goal YAML (never overwrites)")
    .action(async (dir: string, flags: DiscoverFlags) => {
      const { runDiscover } = await import("../run/discover.js");
      await runDiscover(dir, flags);
    });
}
