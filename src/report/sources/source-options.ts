// Which source a report reads, as plain options (what `report --source …` and its flags select),
// and the one place that opens it. Implementations load lazily: each pulls in a heavy client.
import type { DataApiReportSourceOptions } from "./data-api/data-api-source.js";
import type { OfflineOutcomes } from "./export/offline-outcomes.js";
import type { ReportSource } from "./report-source.js";

export type SourceOptions =
  | ({ kind: "ga4" } & DataApiReportSourceOptions)
  | { kind: "files"; files: string; allowGaps?: boolean; offline?: OfflineOutcomes }
  | {
      kind: "bigquery";
      dataset: string;
      billingProject?: string;
      maxBytes?: number;
      intraday?: boolean;
      location?: string;
      allowGaps?: boolean;
    };

export async function openReportSource(options: SourceOptions): Promise<ReportSource> {
  switch (options.kind) {
    case "ga4":
      return (await import("./data-api/data-api-source.js")).dataApiReportSource(options);
    case "files":
      return (await import("./files/files-report-source.js")).filesReportSource(options);
    case "bigquery":
      return (await import("./bigquery/bigquery-report-source.js")).bigQueryReportSource(options);
  }
}
