// `microgoals emulator --load 'exports/*.parquet'`: real GA4 export rows into the emulator's event
// store under one property, so the Data API path can run on real events. DuckDB reads and
// flattens the files; rows stream in chunks so a large export never sits in memory twice.
import { DuckDBInstance } from "@duckdb/node-api";
import { PAGE_PATH_PATTERN } from "../report/query-plan.js";
import { openExportFiles } from "../report/sources/files/export-files.js";
import type { EventInput, EventStore, ParamValue } from "./data/event-store.js";

export interface LoadExportOptions {
  propertyId: string;
  /** keep only these event parameters (default: all); fewer params, less memory */
  params?: string[];
}

export interface LoadExportResult {
  files: string[];
  events: number;
  /** events per event_date (YYYYMMDD), in date order */
  days: { date: string; events: number }[];
}

export async function loadExport(
  store: EventStore,
  pattern: string,
  opts: LoadExportOptions,
): Promise<LoadExportResult> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const files = await openExportFiles(conn, pattern);
    const user = files.source.hasUserId ? "COALESCE(user_id, user_pseudo_id)" : "user_pseudo_id";
    const keep = opts.params
      ? `list_filter(event_params, lambda p: p.key IN (${[...opts.params, "ga_session_id"].map((k) => `'${k.replaceAll("'", "''")}'`).join(", ")}))`
      : "event_params";
    // Params cross into JavaScript as one JSON text per event: far fewer values to convert than
    // a list of structs, and JSON.parse is fast.
    const value = ["string_value", "int_value", "double_value", "float_value"].map(
      (f) => `to_json(p.value.${f})`,
    );
    const loc = "list_filter(event_params, lambda p: p.key = 'page_location')[1].value.string_value";
    const sql = `SELECT event_date, ${user} AS u, event_timestamp AS t, event_name AS e,
        CASE WHEN ${loc} IS NULL THEN NULL
          ELSE COALESCE(NULLIF(regexp_extract(${loc}, '${PAGE_PATH_PATTERN}', 1), ''), '/') END AS path,
        '{' || array_to_string(list_transform(${keep}, lambda p: CAST(to_json(p.key) AS VARCHAR) || ':' ||
          CAST(COALESCE(${value.join(", ")}, 'null') AS VARCHAR)), ',') || '}' AS params
      FROM ${files.source.from}`;
    // pagePath as the export path reads it (report/query-plan.ts): NULL (→ "(not set)") without page_location.
    const result = await conn.stream(sql);
    const perDay = new Map<string, number>();
    let events = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const [date, u, t, e, path, json] = chunk.getColumns() as [
        string[],
        string[],
        bigint[],
        string[],
        (string | null)[],
        string[],
      ];
      for (let i = 0; i < chunk.rowCount; i++) {
        const raw = JSON.parse(json[i] as string) as Record<string, ParamValue | null>;
        const params: Record<string, ParamValue> = {};
        for (const k in raw) if (raw[k] !== null) params[k] = raw[k] as ParamValue;
        const sid = params.ga_session_id;
        const event: EventInput = {
          propertyId: opts.propertyId,
          userId: u[i] as string,
          sessionId: sid === undefined ? "(not set)" : String(sid),
          timestampMicros: Number(t[i]),
          eventName: e[i] as string,
          params,
        };
        const p = path[i];
        if (p) event.pagePath = p;
        store.append(event);
        const d = date[i] as string;
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
        events++;
      }
    }
    const days = [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, n]) => ({ date, events: n }));
    return { files: files.files, events, days };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
