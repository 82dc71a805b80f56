// Reading Data API responses (REST JSON or the client's protobuf objects: int64 may arrive as a
// string, number or Long): metric values by header name, metadata caveats and token use.

export interface ReportLike {
  dimensionHeaders?: { name?: string | null }[] | null;
  metricHeaders?: { name?: string | null }[] | null;
  rows?:
    | {
        dimensionValues?: { value?: string | null }[] | null;
        metricValues?: { value?: string | null }[] | null;
      }[]
    | null;
  metadata?: {
    subjectToThresholding?: boolean | null;
    dataLossFromOtherRow?: boolean | null;
    timeZone?: string | null;
    samplingMetadatas?: { samplesReadCount?: unknown; samplingSpaceSize?: unknown }[] | null;
  } | null;
  propertyQuota?: { tokensPerDay?: { consumed?: number | null } | null } | null;
}

export function int(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const n = Number(typeof v === "object" ? String(v) : v);
  return Number.isFinite(n) ? n : 0;
}

/** Rows as {dimension values → metric values by name}. */
export function rowsOf(r: ReportLike): { dims: string[]; metrics: Record<string, number> }[] {
  const names = (r.metricHeaders ?? []).map((h) => h.name ?? "");
  return (r.rows ?? []).map((row) => ({
    dims: (row.dimensionValues ?? []).map((d) => d.value ?? ""),
    metrics: Object.fromEntries(names.map((n, i) => [n, int(row.metricValues?.[i]?.value)])),
  }));
}

/** The single metric of a report without dimensions; 0 when the row was withheld or empty. */
export function singleValue(r: ReportLike, metric: string): number {
  return rowsOf(r)[0]?.metrics[metric] ?? 0;
}

/** activeUsers per step of a funnelTable (rows labelled "1. name", "2. name", ...), in step order. */
export function funnelStepUsers(table: ReportLike, stepCount: number): number[] {
  return funnelStepTallies(table, stepCount).map((t) => t.users);
}

/** Per step: activeUsers, and users who continued to the next step (activeUsers − abandonments). */
export function funnelStepTallies(
  table: ReportLike,
  stepCount: number,
): { users: number; continued: number }[] {
  const tallies = Array.from({ length: stepCount }, () => ({ users: 0, continued: 0 }));
  for (const row of rowsOf(table)) {
    if (row.dims.length > 1 && row.dims[1] !== "RESERVED_TOTAL") continue; // breakdown rows
    const k = Number.parseInt(row.dims[0] ?? "", 10);
    if (k < 1 || k > stepCount) continue;
    const users = row.metrics.activeUsers ?? 0;
    tallies[k - 1] = { users, continued: Math.max(0, users - (row.metrics.funnelStepAbandonments ?? 0)) };
  }
  return tallies;
}

export function tokensOf(r: { propertyQuota?: ReportLike["propertyQuota"] }): number {
  return int(r.propertyQuota?.tokensPerDay?.consumed);
}
