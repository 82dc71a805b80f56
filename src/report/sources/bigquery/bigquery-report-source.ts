// The GA4 export in BigQuery behind the ReportSource seam: dry run, byte cap, then the query.
import { calendarDate } from "../export/calendar-date.js";
import type { ReportSource } from "../report-source.js";
import { type BigQuerySourceOptions, bigQueryReport } from "./bigquery-source.js";

export type BigQueryReportSourceOptions = Omit<BigQuerySourceOptions, "since" | "until">;

export function bigQueryReportSource(options: BigQueryReportSourceOptions): ReportSource {
  return {
    read: ({ project, since, until, now, breakdown, adjust }) =>
      bigQueryReport(project, {
        ...options,
        since: calendarDate("--since", since ?? project.report.since, now),
        until: calendarDate("--until", until ?? project.report.until, now),
        breakdown,
        adjust,
      }),
    close: async () => {},
  };
}
