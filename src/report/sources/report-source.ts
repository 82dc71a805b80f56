// The one seam between a report and where its numbers come from. A source answers, for a project
// and a date range, what every analysis needs (ReportInput: users and events per goal, total users,
// the counts of every micro → macro pair, funnel steps, caveats and cost); user-level sources (the
// GA4 export) add ExportExtras. Three implementations: sources/data-api, sources/files and
// sources/bigquery; src/report/run-report.ts runs any of them the same way.
import type { Project } from "../../project/model.js";
import type { BreakdownRequest } from "../breakdown/dimensions.js";
import type { BreakdownInput } from "../breakdown/model.js";
import type { ExportExtras } from "../export-extras.js";
import type { ReportInput } from "../model.js";

export interface ReportRequest {
  project: Project;
  /** the target's GA4 property */
  propertyId: string;
  /** GA4 date expressions as given (YYYY-MM-DD, today, yesterday, NdaysAgo); undefined: the source's default */
  since?: string;
  until?: string;
  /** what relative dates are relative to */
  now: Date;
  /** `report --by`: also answer segment counts (SourceAnswer.breakdown) */
  breakdown?: BreakdownRequest;
  /**
   * false: the crude association only, without the adjusted effects (report --no-adjust): no
   * sessions query on the export, no strata requests to the Data API
   */
  adjust?: boolean;
}

/** A source's answer: the counts every source gives, plus the user-level extras where it has them. */
export type SourceAnswer = ReportInput & Partial<ExportExtras> & { breakdown?: BreakdownInput };

export interface ReportSource {
  read(request: ReportRequest): Promise<SourceAnswer>;
  /** Releases connections; never rejects, so teardown cannot hide the error that ended a report. */
  close(): Promise<void>;
}
