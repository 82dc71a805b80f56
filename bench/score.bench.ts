// `microgoals score`'s work on 10M generated events: the history SQL (DuckDB over Parquet, with the
// report's bounded settings) folding users into patterns, then the fit and the held-out evaluation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { queryExportFiles } from "../src/report/sources/files/query-export-files.js";
import { historySql } from "../src/score/history-sql.js";
import { fitLeadScore } from "../src/score/lead-score.js";

const MICROS = [
  "view_item",
  "add_to_cart",
  "begin_checkout",
  "add_shipping_info",
  "add_payment_info",
  "view_promotion",
];
const EVENTS = 10_000_000;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "mg-bench-score-"));
  try {
    const file = join(dir, "events.parquet");
    const users = EVENTS / 10;
    const names = ["page_view", "page_view", "page_view", "scroll", ...MICROS, "purchase"];
    let t = performance.now();
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`COPY (
      SELECT strftime(to_timestamp(ts / 1000000), '%Y%m%d') AS event_date, ts AS event_timestamp, event_name,
        [{'key': 'ga_session_id', 'value': {'string_value': NULL::VARCHAR, 'int_value': (i // 5)::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}}] AS event_params,
        NULL::VARCHAR AS user_id, 'u' || (hash(i // 10) % ${users}) AS user_pseudo_id
      FROM (SELECT i, 1604188800000000 + (hash(i) % 604800000000)::BIGINT AS ts,
              list_extract([${names.map((x) => `'${x}'`).join(", ")}], 1 + (hash(i * 7) % ${names.length})::INT) AS event_name
            FROM range(${EVENTS}) t(i))
    ) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
    c.closeSync();
    db.closeSync();
    console.log(
      `generate ${EVENTS.toLocaleString("en")} events: ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    t = performance.now();
    const [history = []] = await queryExportFiles(file, (source) => [
      historySql({
        from: source.from,
        hasUserId: source.hasUserId,
        macroEvent: "purchase",
        microEvents: MICROS,
      }),
    ]);
    const sqlMs = performance.now() - t;
    t = performance.now();
    const m = fitLeadScore(
      history.map((r) => ({
        heldOut: Number(r.held_out) === 1,
        converted: Number(r.converted) === 1,
        features: MICROS.map((_, i) => Number(r[`f${i}`])),
        users: Number(r.users),
      })),
      MICROS,
    );
    const fitMs = performance.now() - t;
    console.log(
      `score on ${EVENTS.toLocaleString("en")} events (${(m.fitUsers + m.heldOutUsers).toLocaleString("en")} users → ${history.length} pattern rows): SQL ${(sqlMs / 1000).toFixed(1)} s, fit + evaluation ${fitMs.toFixed(0)} ms, AUC ${m.auc.toFixed(3)}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
