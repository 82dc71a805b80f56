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
    .option("--source <source>", "files (GA4 export files through DuckDB)", "files")
    .option("--files <glob>", "files: export files, e.g. 'exports/events_*.parquet' (Parquet or NDJSON)")
    .option("--since <date>", "first day, YYYY-MM-DD or NdaysAgo (default: the files' first day)")
    .option("--until <date>", "last day (default: the files' last day)")
    .option("--format <format>", "table | md | json", "table")
    .option("-o, --out <file>", "write the table to a file instead of stdout")
    .option("--write <file>", "write the confirmed, undeclared drivers as goal YAML (never overwrites)")
    .action(async (dir: string, flags: DiscoverFlags) => {
      const { runDiscover } = await import("../run/discover.js");
      await runDiscover(dir, flags);
    });
}
