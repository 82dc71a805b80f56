// `microgoals import`: a real container export → goal YAML, plus the list of what was skipped.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { goalFileYaml } from "../../compile/import/goal-yaml.js";
import { importContainer } from "../../compile/import/import-container.js";
import { keepValid } from "../../compile/import/validate-imported.js";
import { UsageError, UserError } from "../../errors.js";
import { writeOutput } from "../../files/write-output.js";

export async function runImport(file: string, opts: { out: string; force?: boolean }): Promise<void> {
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new UserError(`${file} is not JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== "object" || !("containerVersion" in data)) {
    throw new UserError(
      `${file} is not a GTM container export (no containerVersion)`,
      1,
      "Export it in GTM: Admin → Export container.",
    );
  }
  if (existsSync(opts.out) && !opts.force)
    throw new UsageError(`${opts.out} exists`, "Pass --force to overwrite it.");
  const result = keepValid(importContainer(data));
  await writeOutput(opts.out, goalFileYaml(result, basename(file)), "goal file");
  console.log(`wrote ${opts.out}: ${result.goals.length} goal(s) from ${file}`);
  for (const s of result.partial) console.log(`  partly: ${s.tag}: ${s.reason}`);
  for (const s of result.skipped) console.log(`  skipped: ${s.tag}: ${s.reason}`);
}
