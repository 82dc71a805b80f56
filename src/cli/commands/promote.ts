import type { Command } from "commander";
import { addConnectionOptions } from "./connection-options.js";

export function register(program: Command): void {
  const promote = program
    .command("promote")
    .description("Publish live the container version a GTM environment (e.g. staging) holds")
    .argument("[dir]", "project directory", ".")
    .requiredOption("--from <environment>", "the GTM environment whose version goes live")
    .option(
      "-t, --target <name>",
      "target from microgoals.yaml whose container it is (default: default_target)",
    );
  addConnectionOptions(promote).action(async (dir: string, opts) => {
    const { runPromote } = await import("../run/promote.js");
    await runPromote(dir, opts);
  });
}
