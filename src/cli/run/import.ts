// `microgoals import`: a real container export → goal YAML, plus the list of what was skipped.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { goalFileYaml } from "../../compile/import/goal-yaml.js";
import { type ImportResult, importContainer, type YamlGoal } from "../../compile/import/import-container.js";
import { keepValid } from "../../compile/import/validate-imported.js";
import { UsageError, UserError } from "../../errors.js";
import { writeOutput } from "../../files/write-output.js";

export async function runImport(
  file: string,
  opts: { out: string; force?: boolean; prefix?: string },
): Promise<void> {
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
  const result = keepValid(withPrefix(importContainer(data), opts.prefix));
  if (result.goals.length === 0) {
    for (const s of result.skipped) console.log(`  skipped: ${s.tag}: ${s.reason}`);
    throw new UserError(
      `nothing to import from ${file}: no GA4 event tag could become a goal; ${opts.out} was not written`,
      1,
      "Only GA4 event tags with one supported trigger are imported; the reasons are listed above.",
    );
  }
  await checkCollisions(result.goals, opts.out);
  await writeOutput(opts.out, goalFileYaml(result, basename(file)), "goal file");
  console.log(`wrote ${opts.out}: ${result.goals.length} goal(s) from ${file}`);
  for (const s of result.partial) console.log(`  partly: ${s.tag}: ${s.reason}`);
  for (const s of result.skipped) console.log(`  skipped: ${s.tag}: ${s.reason}`);
}

function withPrefix(result: ImportResult, prefix: string | undefined): ImportResult {
  if (!prefix) return result;
  const ids = new Map(result.goals.map((g) => [g.id, `${prefix}${g.id}`]));
  // Keep the GA4 event name: a prefix renames the goal, not what the site sends.
  const goals = result.goals.map((g) => ({ ...g, id: ids.get(g.id)!, event: g.event ?? g.id }));
  return { ...result, goals };
}

/** Goal ids already in the project the file is written into: a collision would not validate. */
async function checkCollisions(goals: YamlGoal[], out: string): Promise<void> {
  const dir = dirname(dirname(resolve(out)));
  if (!existsSync(join(dir, "microgoals.yaml"))) return;
  const { loadProject } = await import("../../project/load.js");
  const { project } = await loadProject(dir);
  // Goals of the file being overwritten (--force) are replaced, not collided with.
  const self = relative(dir, resolve(out)).split(sep).join("/");
  const taken = new Set((project?.goals ?? []).filter((g) => g.source.file !== self).map((g) => g.id));
  const clash = goals.filter((g) => taken.has(g.id)).map((g) => g.id);
  if (clash.length > 0)
    throw new UsageError(
      `imported goal ids already in ${dir}: ${clash.join(", ")}`,
      "Import with --prefix imported_ (or another prefix) so the ids are new.",
    );
}
