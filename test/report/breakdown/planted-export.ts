// Generated GA4 export files where channels behave differently (planted truth), written as Parquet
// with the export's nested traffic_source, device and geo columns.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { mulberry32 } from "../../../src/emulator/traffic/prng.js";

export interface PlantedChannel {
  source: string | null;
  medium: string | null;
  users: number;
  /** share of users who do the micro goal (add_to_cart) */
  microShare: number;
  /** P(purchase after the micro goal), P(purchase without it) */
  rateAfter: number;
  baseline: number;
  device?: string;
}

const DAY = "20240501";
const T0 = Date.UTC(2024, 4, 1, 8) * 1000;

/** Writes `dir/events_20240501.parquet`; returns the glob. */
export async function writePlantedExport(dir: string, channels: PlantedChannel[], seed = 7): Promise<string> {
  const rand = mulberry32(seed);
  const lines: string[] = [];
  let id = 0;
  for (const c of channels) {
    for (let i = 0; i < c.users; i++) {
      const u = `u${id++}`;
      let t = T0 + id * 1_000_000;
      const ev = (name: string, params: Record<string, string | number> = {}) => {
        t += 1_000_000;
        lines.push(
          JSON.stringify({
            event_date: DAY,
            event_timestamp: t,
            event_name: name,
            user_pseudo_id: u,
            event_params: [
              { key: "ga_session_id", value: { int_value: 1 } },
              { key: "ga_session_number", value: { int_value: 1 } },
              ...Object.entries(params).map(([key, v]) => ({
                key,
                value: typeof v === "number" ? { int_value: v } : { string_value: v },
              })),
            ],
            traffic_source:
              c.source === null ? null : { source: c.source, medium: c.medium, name: "(organic)" },
            device: { category: c.device ?? "desktop" },
            geo: { country: "Sweden" },
          }),
        );
      };
      ev("first_visit");
      ev("page_view", { page_location: `https://shop.example/landing/${c.source ?? "none"}?x=1` });
      const micro = rand() < c.microShare;
      if (micro) ev("add_to_cart");
      if (rand() < (micro ? c.rateAfter : c.baseline)) ev("purchase");
    }
  }
  return writeExportLines(dir, lines);
}

/** NDJSON export rows → `dir/events_20240501.parquet` with the export's types; returns the glob. */
export async function writeExportLines(dir: string, lines: string[]): Promise<string> {
  const json = join(dir, "planted.json");
  writeFileSync(json, `${lines.join("\n")}\n`);
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  const out = join(dir, `events_${DAY}.parquet`);
  await conn.run(
    `COPY (SELECT * FROM read_json('${json}', format = 'newline_delimited', columns = {` +
      "event_date: 'VARCHAR', event_timestamp: 'BIGINT', event_name: 'VARCHAR', user_pseudo_id: 'VARCHAR', " +
      "event_params: 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]', " +
      "traffic_source: 'STRUCT(source VARCHAR, medium VARCHAR, name VARCHAR)', device: 'STRUCT(category VARCHAR)', " +
      `geo: 'STRUCT(country VARCHAR)'})) TO '${out}' (FORMAT parquet)`,
  );
  conn.closeSync();
  db.closeSync();
  return join(dir, "events_*.parquet");
}
