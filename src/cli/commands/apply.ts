import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("apply")
    .description("Apply the plan to GTM and GA4 (dependency order, paced to the quota); optionally publish")
    .argument("[dir|plan.json]", "project directory, or a plan saved with `plan --out`", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--publish", "create a container version and publish it")
    .option("--version-name <text>", "container version name (default: microgoals <target> <git commit>)")
    .option("--force", "overwrite owned entities edited by hand (drift)")
    .option("--quota <n>", "GTM calls per 100 s for this project (default 25)")
    .option("--endpoint <url>", "send every API call to this server (the emulator); env MICROGOALS_ENDPOINT")
    .option(
      "--time-scale <x>",
      "with --endpoint: the emulator's --time-scale (its quota window runs x times faster); env MICROGOALS_TIME_SCALE",
    )
    .option("--credentials <key.json>", "service-account key file (default: Application Default Credentials)")
    .action(async (input: string, opts) => {
      const { runApply } = await import("../../gtm/deploy-command.js");
      await runApply(input, opts);
    });
}
