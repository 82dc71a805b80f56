import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("plan")
    .description(
      "Diff the compiled goals against the live GTM workspace and GA4 property; print what apply would do",
    )
    .argument("[dir]", "project directory", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--out <file>", "save the plan (with live fingerprints) for `microgoals apply <file>`")
    .option("--json", "print the plan as JSON")
    .option("--detailed-exitcode", "exit 2 when there are changes (0: none, 1: error)")
    .option("--force", "plan to overwrite owned entities edited by hand (drift)")
    .option("--quota <n>", "GTM calls per 100 s for this project (default 25)")
    .option("--endpoint <url>", "send every API call to this server (the emulator); env MICROGOALS_ENDPOINT")
    .option(
      "--time-scale <x>",
      "with --endpoint: the emulator's --time-scale (its quota window runs x times faster); env MICROGOALS_TIME_SCALE",
    )
    .option("--credentials <key.json>", "service-account key file (default: Application Default Credentials)")
    .action(async (dir: string, opts) => {
      const { runPlan } = await import("../../gtm/deploy-command.js");
      await runPlan(dir, opts);
    });
}
