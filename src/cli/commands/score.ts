// `microgoals score [dir] --macro <id> --files <glob>`: lead scores from micro-goal history (docs/score.md).
import type { Command } from "commander";
import type { ScoreFlags } from "../run/score.js";

export function register(program: Command): void {
  program
    .command("score")
    .description(
      "Score users not yet converted by their micro goals; print calibration and AUC on held-out users",
    )
    .argument("[dir]", "project directory", ".")
    .requiredOption("--macro <id>", "the macro goal to predict")
    .option("--source <source>", "files (GA4 export files; the only source so far)", "files")
    .option("--files <glob>", "export files, e.g. 'exports/events_*.parquet' (Parquet or NDJSON)")
    .option("--out <file>", "write the scores CSV (user_id, score, three reasons) here")
    .option("--format <format>", "text | json: the calibration report on stdout", "text")
    .option("--lambda <x>", "L2 penalty on the weights (default 1)")
    .action(async (dir: string, flags: ScoreFlags) => {
      const { runScore } = await import("../run/score.js");
      await runScore(dir, flags);
    });
}
