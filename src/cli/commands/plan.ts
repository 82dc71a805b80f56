import type { Command } from "commander";
import { addConnectionOptions } from "./connection-options.js";
import { addTextOrJsonFormat, wantsJson } from "./text-or-json.js";

export function register(program: Command): void {
  const plan = program
    .command("plan")
    .description(
      "Diff the compiled goals against the live GTM workspace and GA4 property; print what apply would do",
    )
    .argument("[dir]", "project directory", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("-o, --out <file>", "save the plan (with live fingerprints) for `microgoals apply <file>`")
    .option("--detailed-exitcode", "exit 2 when there are changes (0: none, 1: error)")
    .option("--force", "plan to overwrite owned entities edited by hand (drift)");
  addConnectionOptions(addTextOrJsonFormat(plan, "the plan")).action(async (dir: string, opts) => {
    const json = wantsJson(opts);
    const { runPlan } = await import("../run/deploy.js");
    await runPlan(dir, { ...opts, json });
  });
}
