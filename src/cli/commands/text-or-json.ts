import type { Command } from "commander";
import { UsageError } from "../../errors.js";

/** `--format text|json`, with `--json` kept as its alias: one spelling for the same thing everywhere. */
export function addTextOrJsonFormat(command: Command, json: string): Command {
  return command
    .option("--format <format>", `text | json (${json})`, "text")
    .option("--json", "same as --format json");
}

export function wantsJson(opts: { format?: string; json?: boolean }): boolean {
  if (opts.format !== undefined && opts.format !== "text" && opts.format !== "json")
    throw new UsageError(`unknown --format ${opts.format}`, "use one of: text, json");
  return opts.json === true || opts.format === "json";
}
