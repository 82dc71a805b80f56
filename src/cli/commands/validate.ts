import { type Command, Option } from "commander";

export function register(program: Command): void {
  program
    .command("validate")
    .description("Check the goal spec (schema and semantic rules) and print a summary of its goals.")
    .argument("[dir]", "project directory holding microgoals.yaml", ".")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "github"])
        .default("text"),
    )
    .action(async (dir: string, opts: { format: "text" | "json" | "github" }) => {
      // Lazy: keeps yaml and ajv out of --help/--version startup.
      const { runValidate } = await import("../run/validate.js");
      process.exitCode = await runValidate(dir, opts.format);
    });
}
