// `microgoals validate [dir]`: load, print diagnostics in the chosen format, set the exit code.

import { stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { UsageError } from "../../errors.js";
import { countSeverities } from "../../project/format/counts.js";
import { formatText } from "../../project/format/text.js";
import { loadProject } from "../../project/load.js";
import { summaryTable } from "../../project/summary-table.js";
import { projectRules } from "../../report/rules/index.js";

export type OutputFormat = "text" | "json" | "github";

export async function runValidate(dir: string, format: OutputFormat): Promise<number> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`no such directory: ${dir}`, "Pass the directory that holds microgoals.yaml.");
  }
  const result = await loadProject(dir, { rules: projectRules });
  const rel = relative(process.cwd(), dir);
  const prefix = rel === "" ? "" : join(rel, "x").slice(0, -1);
  const { errors } = countSeverities(result.diagnostics);
  let out: string;
  // Only the chosen format's module is loaded (cold start, issue 19).
  if (format === "json")
    out = (await import("../../project/format/json.js")).formatJson(result.diagnostics, prefix);
  else if (format === "github")
    out = (await import("../../project/format/github.js")).formatGithub(result.diagnostics, prefix);
  else {
    const table = errors === 0 && result.project ? summaryTable(result.project) + "\n\n" : "";
    out = table + formatText(result.diagnostics, result.sources, { pathPrefix: prefix, color: useColor() });
  }
  process.stdout.write(out);
  return errors > 0 ? 1 : 0;
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}
