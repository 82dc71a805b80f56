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
import type { Project } from "../../project/model.js";
import { resolveTarget } from "../../project/target.js";
import { checkDateRange } from "../../report/date-range-check.js";
import { renderDiscovery } from "../../report/discover/render-discovery.js";
import { type DiscoverSource, type Discovery, discover } from "../../report/discover/run-discover.js";
import { suggestionsYaml } from "../../report/discover/suggest-goals.js";
import { resolveDate } from "../../report/period.js";
import { projectRules } from "../../report/rules/index.js";
import { showStagesOnTerminal } from "../report-stages.js";
import { sourceFromFlags } from "./report-source-flags.js";

export interface DiscoverFlags {
  macro: string;
  source: string;
  files?: string;
  since?: string;
  until?: string;
  format: string;
  out?: string;
  write?: string;
  dataset?: string;
  billingProject?: string;
  maxBytes?: string;
  intraday?: boolean;
  location?: string;
  target?: string;
  endpoint?: string;
  credentials?: string;
  maxTokens?: string;
}

const FORMATS = ["table", "md", "json"] as const;

export async function runDiscover(dir: string, flags: DiscoverFlags): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(flags.format))
    throw new UsageError(`unknown --format ${flags.format}`, `use one of: ${FORMATS.join(", ")}`);
  const source = discoverSource(flags);
  const now = new Date();
  checkDateRange(flags.since, flags.until, now);
  if (flags.write && existsSync(flags.write))
    throw new UsageError(`${flags.write} exists; discover never overwrites`, "Pick a new file name.");
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was searched" });
  const macro = project.goals.find((g) => g.id === flags.macro);
  if (macro?.kind !== "macro")
    throw new UsageError(
      `--macro ${flags.macro} is not a macro goal of the project`,
      `macro goals: ${project.goals
        .filter((g) => g.kind === "macro")
        .map((g) => g.id)
        .join(", ")}`,
    );
  // BigQuery and the Data API have no file span to default to: the project's report period, as `report` does.
  const since = flags.since ?? (source.kind !== "files" ? project.report.since : undefined);
  const until = flags.until ?? (source.kind !== "files" ? project.report.until : undefined);
  const ga4 = source.kind === "ga4" ? await openGa4(project, flags, source.maxTokens) : undefined;
  let found: Discovery;
  // The stages on a terminal's stderr while it searches (10M events: ~40 s), as `report` shows them.
  const stop = showStagesOnTerminal();
  try {
    found = await discover(project, {
      macroId: macro.id,
      source: ga4 ?? (source as DiscoverSource),
      since: since && resolveDate(since, now),
      until: until && resolveDate(until, now),
    });
  } finally {
    stop();
    if (ga4) await ga4.clients.close();
  }
  for (const c of found.caveats ?? []) console.error(`microgoals: caveat: ${c}`);
  const output = renderDiscovery(found, flags.format as (typeof FORMATS)[number]);
  if (flags.out) {
    await writeOutput(flags.out, output, "discovery");
    console.error(`microgoals: discovery written to ${flags.out}`);
  } else process.stdout.write(output);
  if (flags.write)
    await writeSuggestions(
      dir,
      flags.write,
      suggestionsYaml(found.suggestions, macro.id),
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

/** --source and its flags, checked as `report` checks them (a flag for another source is refused). */
function discoverSource(flags: DiscoverFlags): DiscoverSource | { kind: "ga4"; maxTokens?: number } {
  const { maxTokens, target: _, ...reportFlags } = flags;
  if (flags.source !== "ga4") {
    if (maxTokens !== undefined)
      throw new UsageError(`--max-tokens is for --source ga4, not ${flags.source}`);
    if (flags.target !== undefined) throw new UsageError(`--target is for --source ga4, not ${flags.source}`);
  }
  const source = sourceFromFlags({ ...reportFlags, alertOn: [] });
  if (flags.source === "ga4") {
    if (maxTokens === undefined) return { kind: "ga4" };
    const n = Number(maxTokens);
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(`--max-tokens must be a positive whole number, got "${maxTokens}"`);
    return { kind: "ga4", maxTokens: n };
  }
  if (source?.kind === "files") return { kind: "files", files: source.files };
  if (source?.kind === "bigquery") {
    const { allowGaps: _, ...bigquery } = source;
    return bigquery;
  }
  throw new UsageError(`unknown --source ${flags.source}`, "use one of: files, bigquery");
}

/**
 * The Data API source on the target's property: its registered event-scoped custom dimensions are
 * read through the Admin API (as deploy reads them), and the cost is printed before the search.
 */
async function openGa4(
  project: Project,
  flags: DiscoverFlags,
  maxTokens: number | undefined,
): Promise<Extract<DiscoverSource, { kind: "ga4" }>> {
  const propertyId = resolveTarget(project, flags.target).ga4.propertyId;
  const customParams = await eventCustomDimensions(propertyId, flags);
  const { dataClients } = await import("../../report/sources/data-api/clients.js");
  const clients = await dataClients({ endpoint: flags.endpoint, credentials: flags.credentials });
  return {
    kind: "ga4",
    clients,
    propertyId,
    customParams,
    maxTokens,
    onCost: (line) => console.error(`microgoals: ${line}`),
  };
}

/** Parameter names of the property's EVENT-scoped custom dimensions (Admin API, read-only scopes). */
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
