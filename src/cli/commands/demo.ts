import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { terminalWidth } from "../terminal-width.js";

export function register(program: Command): void {
  program
    .command("demo")
    .description(
      "Run the whole pipeline on the example project against the built-in emulator (what `npm start` runs)",
    )
    .argument("[dir]", "project to deploy (default: the example store shipped with microgoals)")
    .option("--users <n>", "synthetic users", "20000")
    .option("--days <n>", "days of synthetic traffic", "28")
    .option("--seed <n>", "traffic seed", "7")
    .option("--time-scale <x>", "divide GTM's 100 s quota window by this", "100")
    .option("--html <file>", "where to write the HTML report", "report.html")
    .action(async (dir: string | undefined, opts) => {
      const { runDemo } = await import("../demo/run-demo.js");
      const { exampleProjectDir } = await import("../demo/example-dir.js");
      const { exitCode } = await runDemo({
        dir: dir ?? exampleProjectDir(),
        users: positive(opts.users, "--users"),
        days: positive(opts.days, "--days"),
        seed: positive(opts.seed, "--seed"),
        timeScale: positive(opts.timeScale, "--time-scale"),
        html: opts.html,
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        width: terminalWidth(process.stdout),
      });
      process.exitCode = exitCode;
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  }
  return n;
}
