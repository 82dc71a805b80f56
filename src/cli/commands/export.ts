import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("export")
    .description("Write a GTM container import file (exportFormatVersion 2) for review and manual import")
    .argument("[dir]", "project directory", ".")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("-o, --out <file>", 'output file, e.g. container.json (default or "-": stdout)')
    .action(async (dir: string, opts: { target?: string; out?: string }) => {
      const { runExport } = await import("../run/export.js");
      await runExport(dir, opts);
    });
}
