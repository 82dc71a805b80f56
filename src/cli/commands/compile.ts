import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("compile")
    .description("Compile the goals to GTM entities and GA4 key events; print a summary or the desired state")
    .argument("[dir]", "project directory", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--json", "print the full desired state as JSON (stable key order)")
    .action(async (dir: string, opts: { target?: string; json?: boolean }) => {
      const { runCompile } = await import("../run/compile.js");
      await runCompile(dir, opts);
    });
}
