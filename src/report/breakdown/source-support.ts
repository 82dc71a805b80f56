// Which sources answer `report --by` today: the export files (DuckDB). The Data API and BigQuery
// paths are not built yet; asking them is a usage error rather than an unsegmented report.
import { UsageError } from "../../errors.js";

export const BREAKDOWN_SOURCES = ["files"] as const;

export function checkBreakdownSource(kind: string): void {
  if (!(BREAKDOWN_SOURCES as readonly string[]).includes(kind))
    throw new UsageError(
      `--by is not available with --source ${kind} yet`,
      `use --source ${BREAKDOWN_SOURCES.join(" or ")} (the GA4 export)`,
    );
}
