// GA4 export files (Parquet, NDJSON) read by embedded DuckDB, behind the ReportSource seam. Without
// --since/--until the files' own first and last day are the range.
import { calendarDate } from "../export/calendar-date.js";
import type { OfflineOutcomes } from "../export/offline-outcomes.js";
import type { ReportSource } from "../report-source.js";
import { filesReport } from "./files-source.js";

export interface FilesReportSourceOptions {
  files: string;
  allowGaps?: boolean;
  offline?: OfflineOutcomes;
}

export function filesReportSource(options: FilesReportSourceOptions): ReportSource {
  return {
    read: ({ project, propertyId, since, until, now, breakdown, adjust }) =>
      filesReport(project, {
        files: options.files,
        since: since && calendarDate("--since", since, now),
        until: until && calendarDate("--until", until, now),
        allowGaps: options.allowGaps,
        propertyId,
        breakdown,
        adjust,
        ...(options.offline ? { offline: options.offline } : {}),
      }),
    close: async () => {},
  };
}
