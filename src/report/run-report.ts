// The report pipeline in one call, for the CLI and for in-process callers (the demo, scheduled
// runs): load the spec (or take a loaded Project), fetch the counts through the Data API, analyze,
// render. Network access happens only through the injected or constructed Data API clients.
import type { DataClientOptions, DataClients } from "../ga4/data/clients.js";
import type { Project } from "../spec/model.js";
import type { Analysis, HistoryPoint } from "./analysis.js";
import type { Format } from "./render/format.js";

export interface RunReportOptions extends DataClientOptions {
  /** project directory (default "."); ignored when `project` is given */
  dir?: string;
  project?: Project;
  /** target name (default: the project's default_target) */
  target?: string;
  since?: string;
  until?: string;
  format?: Format;
  color?: boolean;
  history?: HistoryPoint[];
  /** reuse clients (e.g. one per demo run); otherwise they are created and closed here */
  clients?: DataClients;
  generatedAt?: string;
  /** rank milestones with the secondary actions (default: reported as steps) */
  includeMilestones?: boolean;
}

export interface RunReportResult {
  analysis: Analysis;
  /** the analysis rendered in `format` (default table) */
  output: string;
}

export async function runReport(options: RunReportOptions = {}): Promise<RunReportResult> {
  const { loadValidProject } = await import("../spec/load-valid.js");
  const { resolveTarget } = await import("../spec/target.js");
  const project =
    options.project ??
    (await loadValidProject(options.dir ?? ".", { consequence: "fix them before reporting" }));
  const target = resolveTarget(project, options.target);
  const dateRange = {
    since: options.since ?? project.report.since,
    until: options.until ?? project.report.until,
  };
  const { planReport } = await import("./plan.js");
  const { fetchReportInput } = await import("../ga4/data/source.js");
  const { analyze } = await import("./analyze.js");
  const { render } = await import("./render/format.js");
  const own = options.clients === undefined;
  const clients = options.clients ?? (await (await import("../ga4/data/clients.js")).dataClients(options));
  try {
    const input = await fetchReportInput(planReport(project), {
      propertyId: target.ga4.propertyId,
      dateRange,
      clients,
    });
    const analysis = analyze(project, input, {
      target: target.name,
      history: options.history,
      generatedAt: options.generatedAt,
      includeMilestones: options.includeMilestones,
    });
    return { analysis, output: render(analysis, options.format ?? "table", { color: options.color }) };
  } finally {
    // close() never rejects, so a failed report surfaces its own error, not a teardown one.
    if (own) await clients.close();
  }
}
