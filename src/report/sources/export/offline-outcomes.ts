// Offline outcomes (deals closed off the site, from `report --offline <file>`) joined into the export
// rows as events of the offline goal: one row per outcome with user_pseudo_id = the GA client id
// (what the web export's user_pseudo_id is) and user_id, so the one SQL model counts them per user
// like any goal event, with no Measurement Protocol time limit.
import type { RowSource } from "./analysis-query.js";
import type { Dialect } from "./dialect.js";

export interface OfflineOutcome {
  /** "" when the outcome only has a user_id */
  clientId: string;
  userId?: string;
  timestampMicros: number;
}

export interface OfflineOutcomes {
  event: string;
  outcomes: OfflineOutcome[];
}

const yyyymmdd = (micros: number) => new Date(micros / 1000).toISOString().slice(0, 10).replaceAll("-", "");

/** SELECT … UNION ALL … of the outcomes as export-shaped rows (event_date in UTC). */
export function outcomeRowsSql(o: OfflineOutcomes, d: Dialect): string {
  const rows = o.outcomes.map(
    (r) =>
      `SELECT ${d.str(yyyymmdd(r.timestampMicros))} AS event_date, CAST(${Math.round(r.timestampMicros)} AS ${d.int}) AS event_timestamp, ` +
      `${d.str(o.event)} AS event_name, ${r.clientId === "" ? `CAST(NULL AS ${d.string})` : d.str(r.clientId)} AS user_pseudo_id, ` +
      `${r.userId === undefined ? `CAST(NULL AS ${d.string})` : d.str(r.userId)} AS user_id`,
  );
  return rows.join("\nUNION ALL\n");
}

/** The export rows plus the outcomes (DuckDB: columns the outcomes lack are NULL). */
export function withOutcomes(src: RowSource, outcomesTable: string): RowSource {
  return {
    from: `(SELECT * FROM ${src.from}${src.where ? ` WHERE ${src.where}` : ""} UNION ALL BY NAME SELECT * FROM ${outcomesTable})`,
    hasUserId: true,
  };
}
