// Which sources answer `report --by`: the GA4 export, as files (DuckDB) or in BigQuery, and the
// GA4 Data API (two dimensions as one concatenated: sources/data-api/breakdown-queries.ts).
import { UsageError } from "../../errors.js";

export const BREAKDOWN_SOURCES = ["files", "bigquery", "ga4"] as const;

export function checkBreakdownSource(kind: string): void {
  if (!(BREAKDOWN_SOURCES as readonly string[]).includes(kind))
    throw new UsageError(
      `--by is not available with --source ${kind} yet`,
      `use --source ${BREAKDOWN_SOURCES.join(", ")}`,
    );
}
