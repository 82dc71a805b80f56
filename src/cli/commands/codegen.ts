import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("codegen")
    .description("Generate typed dataLayer.push helpers for every data_layer goal")
    .argument("[dir]", "project directory", ".")
    .option("--lang <lang>", "output language (ts)", "ts")
    .requiredOption("-o, --out <file>", "file to write, e.g. src/microgoals.generated.ts")
    .action(async (dir: string, opts: { lang: string; out: string }) => {
      const { runCodegen } = await import("../run/codegen.js");
      await runCodegen(dir, opts);
    });
}
