// Which sources answer `report --by` today: the GA4 export, as files (DuckDB) or in BigQuery. The
// Data API path is not built yet; asking it is a usage error rather than an unsegmented report.
import { UsageError } from "../../errors.js";

export const BREAKDOWN_SOURCES = ["files", "bigquery"] as const;

export function checkBreakdownSource(kind: string): void {
  if (!(BREAKDOWN_SOURCES as readonly string[]).includes(kind))
    throw new UsageError(
      `--by is not available with --source ${kind} yet`,
      `use --source ${BREAKDOWN_SOURCES.join(" or ")} (the GA4 export)`,
    );
}
