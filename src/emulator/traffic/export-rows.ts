// Generated traffic as GA4 BigQuery export rows (the columns `report --source files` reads), one
// newline-delimited JSON file per day like `bq extract` writes them, so the export path is tested
// on traffic whose truth is known.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ConfoundedEvent } from "./confounded-generate.js";

type Param = { key: string; value: Record<string, string | number> };

export const EXPORT_HOST = "https://shop.example.com";

export function exportRow(e: ConfoundedEvent): Record<string, unknown> {
  const params: Param[] = [
    { key: "ga_session_id", value: { int_value: Number(e.sessionId) } },
    { key: "page_location", value: { string_value: `${EXPORT_HOST}${e.pagePath ?? "/"}` } },
  ];
  for (const [key, v] of Object.entries(e.params ?? {}))
    params.push({
      key,
      value:
        typeof v === "string"
          ? { string_value: v }
          : Number.isInteger(v)
            ? { int_value: v }
            : { double_value: v },
    });
  return {
    event_date: new Date(e.timestampMicros / 1000).toISOString().slice(0, 10).replaceAll("-", ""),
    event_timestamp: e.timestampMicros,
    event_name: e.eventName,
    user_pseudo_id: e.userId,
    user_first_touch_timestamp: e.firstTouchMicros,
    event_params: params,
    device: { category: e.device },
    traffic_source: { medium: e.medium, source: e.source, name: "(not set)" },
  };
}

/** Writes events_YYYYMMDD.json files into `dir`; returns their paths. */
export async function writeExportNdjson(events: readonly ConfoundedEvent[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const byDay = new Map<string, string[]>();
  for (const e of events) {
    const row = exportRow(e);
    const day = row.event_date as string;
    const lines = byDay.get(day) ?? [];
    if (lines.length === 0) byDay.set(day, lines);
    lines.push(JSON.stringify(row));
  }
  const paths: string[] = [];
  for (const [day, lines] of [...byDay.entries()].sort()) {
    const path = join(dir, `events_${day}.json`);
    await writeFile(path, `${lines.join("\n")}\n`);
    paths.push(path);
  }
  return paths;
}
