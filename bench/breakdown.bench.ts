// `report --by` on the files source: wall time of the report with a breakdown beside the same report
// without one, in the same process, on the 7 real days and on a generated export (1M events by
// default, BREAKDOWN_BENCH_EVENTS) with traffic_source and device per user. Median of 3 runs each.
// `npx tsx bench/run.ts breakdown`. Target (issue 14): with a breakdown ≤ 1.5× without.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BreakdownRequest } from "../src/report/breakdown/dimensions.js";

// The shared references sit beside the checkout (../shared), as in CI.
const realFiles = join(import.meta.dirname, "../../shared/reference/ga4-export/*.parquet");
const micros = ["view_item", "add_to_cart", "begin_checkout", "add_shipping_info", "add_payment_info"];

async function timeReport(files: string, breakdown?: BreakdownRequest): Promise<number> {
  const { merchProject } = await import("../test/export/merch-project.js");
  const { filesReport } = await import("../src/report/sources/files/files-source.js");
  const t0 = performance.now();
  await filesReport(merchProject(), { files, allowGaps: true, breakdown });
  return performance.now() - t0;
}

async function median(f: () => Promise<number>): Promise<number> {
  const xs = [await f(), await f(), await f()].sort((a, b) => a - b);
  return Math.round(xs[1] as number);
}

async function generate(file: string, n: number): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const users = Math.max(1, Math.floor(n / 10));
  const names = ["page_view", "page_view", "page_view", "user_engagement", "scroll", ...micros, "purchase"];
  const sources = [
    "('google','organic')",
    "('google','cpc')",
    "('(direct)','(none)')",
    "('facebook','social')",
    "('news','email')",
  ];
  await c.run(`COPY (
    SELECT strftime(to_timestamp(ts / 1000000), '%Y%m%d') AS event_date, ts AS event_timestamp, event_name,
      [{'key': 'ga_session_id', 'value': {'string_value': NULL::VARCHAR, 'int_value': (i // 5)::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}},
       {'key': 'ga_session_number', 'value': {'string_value': NULL::VARCHAR, 'int_value': (1 + i % 3)::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}},
       {'key': 'page_location', 'value': {'string_value': 'https://shop.example/p/' || (i % 997), 'int_value': NULL::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}}] AS event_params,
      NULL::VARCHAR AS user_id, 'u' || uid AS user_pseudo_id,
      {'source': src[1], 'medium': src[2], 'name': '(organic)'} AS traffic_source,
      {'category': ['desktop', 'mobile', 'tablet'][1 + (uid % 3)::INT]} AS device,
      {'country': ['US', 'SE', 'CL', 'IN'][1 + (uid % 4)::INT]} AS geo
    FROM (SELECT i, uid, ts, event_name, [${sources.join(", ")}][1 + (uid % ${sources.length})::INT] AS src
          FROM (SELECT i, hash(i // 10) % ${users} AS uid, 1604188800000000 + (hash(i) % 604800000000)::BIGINT AS ts,
                  list_extract([${names.map((x) => `'${x}'`).join(", ")}], 1 + (hash(i * 7) % ${names.length})::INT) AS event_name
                FROM range(${n}) t(i)))
  ) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
  c.closeSync();
  db.closeSync();
}

async function compare(label: string, files: string): Promise<void> {
  await timeReport(files); // warm the file cache
  const plain = await median(() => timeReport(files));
  const cases: [string, BreakdownRequest][] = [
    ["--by channel", { dimensions: ["channel"], scope: "first_visit" }],
    ["--by channel --by device", { dimensions: ["channel", "device"], scope: "first_visit" }],
    ["--by landing_page --by-scope session", { dimensions: ["landing_page"], scope: "session" }],
  ];
  console.log(`${label}: report without breakdown ${plain} ms`);
  for (const [name, req] of cases) {
    const ms = await median(() => timeReport(files, req));
    console.log(`${label}: report ${name}: ${ms} ms (${(ms / plain).toFixed(2)}× the unsegmented report)`);
  }
}

/** The early verdict's backtest on the real days (issue 14): model and naive errors per days observed. */
async function backtestFigures(): Promise<void> {
  const { merchProject, merchMicros } = await import("../test/export/merch-project.js");
  const { filesMemberTimelines } = await import("../src/report/sources/files/files-timelines.js");
  const { backtest } = await import("../src/report/breakdown/backtest.js");
  const members = await filesMemberTimelines(merchProject(), {
    files: realFiles,
    since: "2020-11-01",
    until: "2020-11-08",
    breakdown: { dimensions: ["channel"], scope: "first_visit" },
  });
  const results = backtest(members, {
    trainStart: "20201101",
    predictStart: "20201105",
    days: 4,
    observedDays: [1, 2, 3],
    macroId: "purchase",
    microIds: merchMicros,
    minUsers: 50,
  });
  for (const r of results)
    console.log(
      `--predict backtest (train Nov 1–4, predict Nov 5–8 per channel), ${r.observedDays} day(s) observed: ` +
        `model MAE ${(r.modelError * 100).toFixed(3)} pp, naive (rate so far) MAE ${(r.naiveError * 100).toFixed(3)} pp over ${r.segments} channels`,
    );
}

/**
 * The Data API path on the 7 real days loaded into the emulator (GA4's HyperLogLog++ counting):
 * requests, tokens and wall time of the report with and without `--by channel` (first-visit and
 * session scope), crude and with the
 * Mantel–Haenszel adjusted effect.
 */
export async function dataApiFigures(): Promise<void> {
  const { merchProject } = await import("../test/export/merch-project.js");
  const { startEmulator } = await import("../src/emulator/server.js");
  const { loadExport } = await import("../src/emulator/load-export.js");
  const { dataClients } = await import("../src/report/sources/data-api/clients.js");
  const { dataApiReportSource } = await import("../src/report/sources/data-api/data-api-source.js");
  const now = new Date("2021-01-01T00:00:00Z");
  const emulator = await startEmulator({ port: 0, data: { now } });
  const clients = await dataClients({ endpoint: emulator.url });
  try {
    await loadExport(emulator.events, realFiles, { propertyId: "1" });
    const base = { project: merchProject(), propertyId: "1", since: "2020-11-01", until: "2020-11-08", now };
    const source = await dataApiReportSource({ clients });
    for (const adjusted of [false, true]) {
      for (const [by, scope] of [
        [undefined, "first_visit"],
        ["channel", "first_visit"],
        ["channel", "session"],
      ] as const) {
        const t0 = performance.now();
        const r = await source.read({
          ...base,
          adjust: adjusted,
          ...(by ? { breakdown: { dimensions: [by], scope } } : {}),
        });
        const ms = Math.round(performance.now() - t0);
        console.log(
          `7 real days, Data API (emulator)${adjusted ? " with the adjusted effect" : ", crude"}${by ? ` --by ${by}${scope === "session" ? " --by-scope session" : ""}` : ""}: ` +
            `${r.cost.requests} requests, ${r.cost.tokens} tokens, ${ms} ms`,
        );
      }
    }
  } finally {
    await clients.close();
    await emulator.close();
  }
}

export async function run(): Promise<void> {
  await dataApiFigures();
  await backtestFigures();
  await compare("7 real days", realFiles);
  const n = Number(process.env.BREAKDOWN_BENCH_EVENTS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "microgoals-breakdown-bench-"));
  try {
    const file = join(dir, "events.parquet");
    await generate(file, n);
    await compare(`${n} generated events`, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
