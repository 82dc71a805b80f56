// `microgoals discover`: flags checked before any file is read, the search run on the export
// files, the table printed or written, and --write's goals validated with the project before they
// land (never over an existing file).
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError, UserError } from "../../errors.js";
import { writeOutput } from "../../files/write-output.js";
import { loadProject } from "../../project/load.js";
import { loadValidProject } from "../../project/load-valid.js";
import type { Goal, Project } from "../../project/model.js";
import { resolveTarget } from "../../project/target.js";
import { checkDateRange } from "../../report/date-range-check.js";
import { renderDiscovery } from "../../report/discover/render-discovery.js";
import { type Discovery, discover } from "../../report/discover/run-discover.js";
import { suggestionsYaml } from "../../report/discover/suggest-goals.js";
import { resolveDate } from "../../report/period.js";
import { projectRules } from "../../report/rules/index.js";

export interface DiscoverFlags {
  macro: string;
  source: string;
  files?: string;
  since?: string;
  until?: string;
  format: string;
  out?: string;
  write?: string;
  target?: string;
  endpoint?: string;
  credentials?: string;
  maxTokens?: string;
}

const FORMATS = ["table", "md", "json"] as const;

export async function runDiscover(dir: string, flags: DiscoverFlags): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(flags.format))
    throw new UsageError(`unknown --format ${flags.format}`, `use one of: ${FORMATS.join(", ")}`);
  if (flags.source === "ga4") return runDiscoverGa4(dir, flags);
  if (flags.source !== "files")
    throw new UsageError(
      `discover reads --source files or ga4, not ${flags.source}`,
      "Export the GA4 BigQuery tables (bq extract) and pass --files, or use --source ga4.",
    );
  for (const [flag, value] of Object.entries(GA4_ONLY))
    if (flags[value] !== undefined) throw new UsageError(`${flag} is for --source ga4, not files`);
  if (!flags.files) throw new UsageError("discover needs --files", "e.g. --files 'exports/events_*.parquet'");
  const now = new Date();
  checkDateRange(flags.since, flags.until, now);
  if (flags.write && existsSync(flags.write))
    throw new UsageError(`${flags.write} exists; discover never overwrites`, "Pick a new file name.");
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was searched" });
  const macro = macroGoal(project, flags.macro);
  const found = await discover(project, {
    macroId: macro.id,
    files: flags.files,
    since: flags.since && resolveDate(flags.since, now),
    until: flags.until && resolveDate(flags.until, now),
  });
  await deliver(dir, flags, found, macro.id);
}

const GA4_ONLY = {
  "--target": "target",
  "--endpoint": "endpoint",
  "--credentials": "credentials",
  "--max-tokens": "maxTokens",
} as const;

/** The macro goal named by --macro, or a usage error listing the project's macro goals. */
function macroGoal(project: Project, id: string): Goal {
  const macro = project.goals.find((g) => g.id === id);
  if (macro?.kind !== "macro")
    throw new UsageError(
      `--macro ${id} is not a macro goal of the project`,
      `macro goals: ${project.goals
        .filter((g) => g.kind === "macro")
        .map((g) => g.id)
        .join(", ")}`,
    );
  return macro;
}

/**
 * `discover --source ga4`: the property's registered event-scoped custom dimensions are read through
 * the Admin API (as deploy reads them), then the Data API search runs with its cost printed first.
 */
async function runDiscoverGa4(dir: string, flags: DiscoverFlags): Promise<void> {
  if (flags.files) throw new UsageError("--files is for --source files, not ga4");
  let maxTokens: number | undefined;
  if (flags.maxTokens !== undefined) {
    maxTokens = Number(flags.maxTokens);
    if (!Number.isInteger(maxTokens) || maxTokens <= 0)
      throw new UsageError(`--max-tokens must be a positive whole number, got "${flags.maxTokens}"`);
  }
  const now = new Date();
  checkDateRange(flags.since, flags.until, now);
  if (flags.write && existsSync(flags.write))
    throw new UsageError(`${flags.write} exists; discover never overwrites`, "Pick a new file name.");
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was searched" });
  const macro = macroGoal(project, flags.macro);
  const target = resolveTarget(project, flags.target);
  const propertyId = target.ga4.propertyId;
  const since = resolveDate(flags.since ?? project.report.since, now);
  const until = resolveDate(flags.until ?? project.report.until, now);
  const customParams = await eventCustomDimensions(propertyId, flags);
  const { dataClients } = await import("../../report/sources/data-api/clients.js");
  const { dataApiCountsSource } = await import("../../report/sources/data-api/discover-counts.js");
  const clients = await dataClients({ endpoint: flags.endpoint, credentials: flags.credentials });
  try {
    const found = await discover(project, {
      macroId: macro.id,
      source: dataApiCountsSource({
        clients,
        propertyId,
        since,
        until,
        customParams,
        maxTokens,
        onCost: (line) => console.error(`microgoals: ${line}`),
      }),
    });
    for (const c of found.caveats ?? []) console.error(`microgoals: caveat: ${c}`);
    await deliver(dir, flags, found, macro.id);
  } finally {
    await clients.close();
  }
}

/** Parameter names of the property's EVENT-scoped custom dimensions (Admin API, read-only). */
async function eventCustomDimensions(propertyId: string, flags: DiscoverFlags): Promise<string[]> {
  const { connect } = await import("../../google/auth.js");
  const { analyticsAdmin } = await import("../../google/clients.js");
  const { ApiCaller } = await import("../../google/caller.js");
  const { Budget } = await import("../../google/budget.js");
  const { readLiveGa4 } = await import("../../ga4/admin/read-live.js");
  const conn = await connect({ endpoint: flags.endpoint, credentials: flags.credentials, scopes: "plan" });
  const live = await readLiveGa4(new ApiCaller({ budget: new Budget() }), analyticsAdmin(conn), propertyId);
  return live.customDimensions.filter((d) => d.scope === "EVENT").map((d) => d.parameterName);
}

/** The table printed or written, and --write's goals validated with the project. */
async function deliver(dir: string, flags: DiscoverFlags, found: Discovery, macroId: string): Promise<void> {
  const output = renderDiscovery(found, flags.format as (typeof FORMATS)[number]);
  if (flags.out) {
    await writeOutput(flags.out, output, "discovery");
    console.error(`microgoals: discovery written to ${flags.out}`);
  } else process.stdout.write(output);
  if (flags.write)
    await writeSuggestions(
      dir,
      flags.write,
      suggestionsYaml(found.suggestions, macroId),
      found.suggestions.goals.length,
    );
}

/** The suggested goals land only if the project still validates with them. */
async function writeSuggestions(dir: string, path: string, yaml: string, count: number): Promise<void> {
  await writeOutput(path, yaml, "goal file");
  const inProject = resolve(path).startsWith(resolve(dir, "goals"));
  if (inProject) {
    const errors = (await loadProject(dir, { rules: projectRules })).diagnostics.filter(
      (d) => d.severity === "error",
    );
    if (errors.length > 0) {
      await rm(path, { force: true });
      throw new UserError(
        `the suggested goals do not validate with the project (${errors[0]?.rule}: ${errors[0]?.message}); nothing was written`,
      );
    }
  }
  console.error(
    `microgoals: wrote ${count} suggested goal${count === 1 ? "" : "s"} to ${path}; review them, then \`microgoals validate\``,
  );
}
