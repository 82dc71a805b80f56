import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("import")
    .description(
      "Write goal YAML for the GA4 event tags of a GTM container export; list what it skips and why",
    )
    .argument("<container.json>", "a GTM container export (Admin → Export container)")
    .option("-o, --out <file>", "goal file to write", "goals/imported.yaml")
    .option("--force", "overwrite the output file")
    .option("--prefix <text>", "prefix every imported goal id (when ids collide with the project's)")
    .action(async (file: string, opts: { out: string; force?: boolean; prefix?: string }) => {
      const { runImport } = await import("../run/import.js");
      await runImport(file, opts);
    });
}
