import type { Command } from "commander";
import { addTextOrJsonFormat, wantsJson } from "./text-or-json.js";

export function register(program: Command): void {
  const compile = program
    .command("compile")
    .description("Compile the goals to GTM entities and GA4 key events; print a summary or the desired state")
    .argument("[dir]", "project directory", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)");
  addTextOrJsonFormat(compile, "the full desired state, stable key order").action(
    async (dir: string, opts: { target?: string; format?: string; json?: boolean }) => {
      const json = wantsJson(opts);
      const { runCompile } = await import("../run/compile.js");
      await runCompile(dir, { target: opts.target, json });
    },
  );
}
