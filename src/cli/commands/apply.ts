import type { Command } from "commander";
import { addConnectionOptions } from "./connection-options.js";

export function register(program: Command): void {
  const apply = program
    .command("apply")
    .description("Apply the plan to GTM and GA4 (dependency order, paced to the quota); optionally publish")
    .argument("[dir|plan.json]", "project directory, or a plan saved with `plan --out`", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--publish", "create a container version and publish it")
    .option("--version-name <text>", "container version name (default: microgoals <target> <git commit>)")
    .option("--force", "overwrite owned entities edited by hand (drift)")
    .option("--allow-destroy-all", "allow a plan that deletes every entity microgoals deployed");
  addConnectionOptions(apply).action(async (input: string, opts) => {
    const { runApply } = await import("../run/deploy.js");
    await runApply(input, opts);
  });
}
