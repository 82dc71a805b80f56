// Export reports: the seven real days end to end (DuckDB over Parquet), and a generated export in
// the same schema (10M events) with wall time and peak memory, as a ratio to the Data API path
// (emulator store + official client) on the same events. Each measurement runs in its own child
// process so peak RSS is that path's alone. `npx tsx bench/run.ts export`; EXPORT_BENCH_EVENTS
// overrides the generated size; the Data API comparison runs at EXPORT_BENCH_API_EVENTS (1M).
// DuckDB runs with filesReport's defaults (memory_limit 512MB with spilling, threads ≤ 4).
// Beside each files report runs its reference as a whole process too: bench/reference-pairs.sql, a
// hand-written DuckDB query of the same pair counts on the same files (interleaved, medians). Both
// run the built library (dist/, tsc's per-module output) in plain Node (bench/report-child.mjs: no
// TypeScript loader on either side); the reference loads only DuckDB and the engine's settings
// (duckdb-config.ts), not the report. That files report is the crude one (adjust: false): the
// adjusted effect is a separate analysis, timed by bench/effects.bench.ts.
// The same comparison is printed for the CLI as it ships (dist/cli/main.js: the bundle from its V8
// code cache), `microgoals report DIR --source files --no-adjust --format json --out FILE` on the
// same goals in a project directory (merch-project-dir.ts), spawn to exit, beside the reference
// process spawn to exit: it also loads and validates the project and renders the report; both
// include Node's own start and exit.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childFigure, type Figure, plainChildFigure, printFigure } from "./child-figure.js";
import { writeMerchProjectDir } from "./merch-project-dir.js";
import { shippedCliReport } from "./shipped-cli.js";

const here = fileURLToPath(import.meta.url);
// The shared references sit beside the checkout (../shared), as in CI.
const realFiles = join(import.meta.dirname, "../../shared/reference/ga4-export/*.parquet");
const micros = ["view_item", "add_to_cart", "begin_checkout", "add_shipping_info", "add_payment_info"];

function child(mode: string, arg: string): Figure {
  return childFigure(here, mode, arg);
}

const reportChild = join(import.meta.dirname, "report-child.mjs");

/**
 * The crude files report (`projectFile`: the project as JSON) or the reference query (`sql`, a
 * file under bench/), in plain Node.
 */
function built(mode: "files" | "reference", files: string, projectFile: string, sql?: string): Figure {
  return plainChildFigure(
    reportChild,
    mode === "files" ? ["files", projectFile, files, "crude"] : ["reference", files, ...(sql ? [sql] : [])],
  );
}

/** A project directory as JSON, as the library reads it (the shipped CLI loads the directory itself). */
async function projectJson(dir: string, file: string): Promise<string> {
  const { loadProject } = await import("../src/project/load.js");
  const loaded = await loadProject(dir);
  if (!loaded.project) throw new Error(`bench: ${dir} did not load`);
  writeFileSync(file, JSON.stringify(loaded.project));
  return file;
}

async function project() {
  const { merchProject } = await import("../test/export/merch-project.js");
  return merchProject();
}

async function childMain(mode: string, arg: string): Promise<void> {
  const t0 = performance.now();
  let detail = "";
  if (mode === "api") {
    const { EventStore } = await import("../src/emulator/data/event-store.js");
    const { loadExport } = await import("../src/emulator/load-export.js");
    const { startEmulator } = await import("../src/emulator/server.js");
    const { dataClients } = await import("../src/report/sources/data-api/clients.js");
    const { fetchReportInput } = await import("../src/report/sources/data-api/source.js");
    const { planReport } = await import("../src/report/query-plan.js");
    const emulator = await startEmulator({ port: 0 });
    const loaded = await loadExport(emulator.events as InstanceType<typeof EventStore>, arg, {
      propertyId: "1",
      params: [],
    });
    const tLoad = performance.now() - t0;
    const clients = await dataClients({ endpoint: emulator.url });
    const p = await project();
    const dates = loaded.days.map((d) => `${d.date.slice(0, 4)}-${d.date.slice(4, 6)}-${d.date.slice(6)}`);
    const r = await fetchReportInput(planReport(p), {
      propertyId: "1",
      dateRange: { since: dates[0] as string, until: dates.at(-1) as string },
      clients,
    });
    await clients.close();
    await emulator.close();
    detail = `${loaded.events} events, ${r.totalUsers} users; load ${Math.round(tLoad)} ms, queries ${Math.round(performance.now() - t0 - tLoad)} ms`;
  } else if (mode === "load") {
    // `emulator --load` alone: every parameter kept, into a bare store; memory above the baseline.
    const { EventStore } = await import("../src/emulator/data/event-store.js");
    const { loadExport } = await import("../src/emulator/load-export.js");
    const store = new EventStore();
    const base = process.memoryUsage().rss;
    const t = performance.now();
    const loaded = await loadExport(store, arg, { propertyId: "1" });
    const ms = performance.now() - t;
    const cols = store.columns();
    let bytes = 0;
    const { traffic, ...arrays } = cols;
    for (const v of [...Object.values(arrays), ...Object.values(traffic)])
      if (typeof v !== "number") bytes += v.byteLength;
    for (const d of [store.users, store.sessions, store.strings])
      for (let id = 0; id < d.size; id++) bytes += 2 * d.value(id).length;
    const peak = process.resourceUsage().maxRSS * 1024 - base;
    detail = `${loaded.events} events in ${Math.round(ms)} ms = ${Math.round(loaded.events / (ms / 1000)).toLocaleString("en-US")} events/s; store ${(bytes / 1e6).toFixed(1)} MB, peak RSS above start ${(peak / 1e6).toFixed(1)} MB (${(peak / bytes).toFixed(2)}× the store)`;
  } else if (mode === "generate") {
    const [file, n] = arg.split("|") as [string, string];
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    // ~10 events per user over 7 days; a funnel-shaped mix of goal events among page views.
    const users = Math.max(1, Math.floor(Number(n) / 10));
    const names = ["page_view", "page_view", "page_view", "user_engagement", "scroll", ...micros, "purchase"];
    await c.run(`COPY (
      SELECT strftime(to_timestamp(ts / 1000000), '%Y%m%d') AS event_date, ts AS event_timestamp, event_name,
        [{'key': 'ga_session_id', 'value': {'string_value': NULL::VARCHAR, 'int_value': (i // 5)::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}},
         {'key': 'page_location', 'value': {'string_value': 'https://shop.example/p/' || (i % 997), 'int_value': NULL::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}}] AS event_params,
        NULL::VARCHAR AS user_id, 'u' || (hash(i // 10) % ${users}) AS user_pseudo_id
      FROM (SELECT i, 1604188800000000 + (hash(i) % 604800000000)::BIGINT AS ts,
              list_extract([${names.map((x) => `'${x}'`).join(", ")}], 1 + (hash(i * 7) % ${names.length})::INT) AS event_name
            FROM range(${Number(n)}) t(i))
    ) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
    c.closeSync();
    db.closeSync();
    detail = `wrote ${n} events`;
  }
  printFigure(t0, detail);
}

/** The files report beside the reference query, as whole processes, interleaved; medians. */
function besideReference(
  label: string,
  files: string,
  projectFile: string,
  projectDir: string,
  runs = 3,
  sql?: string,
): void {
  const report: Figure[] = [];
  const reference: Figure[] = [];
  const cli: Figure[] = [];
  for (let i = 0; i < runs; i++) {
    report.push(built("files", files, projectFile));
    reference.push(built("reference", files, projectFile, sql));
    cli.push(shippedCliReport(files, projectDir, false));
  }
  const mid = (xs: Figure[], k: "ms" | "rssMb" | "wallMs") =>
    xs.map((x) => x[k] ?? 0).sort((a, b) => a - b)[xs.length >> 1]!;
  const r = report[0]!;
  // The reference query has no rows for pairs no one converted on.
  const pairsOf = (f: Figure) =>
    f.detail
      .slice(f.detail.indexOf("pairs ") + 6)
      .split(" ")
      .filter((x) => !x.endsWith("=0"))
      .join(" ");
  console.log(
    `export files, ${label}: crude report, the library after Node's start (adjusted effect: see effects) ${mid(report, "ms")} ms / ${mid(report, "rssMb")} MB peak RSS; ` +
      `reference query after Node's start ${mid(reference, "ms")} ms / ${mid(reference, "rssMb")} MB; ` +
      `ratio wall ${(mid(report, "ms") / mid(reference, "ms")).toFixed(2)}, memory ${(mid(report, "rssMb") / mid(reference, "rssMb")).toFixed(2)} ` +
      `(medians of ${runs}; pair counts ${pairsOf(r) === pairsOf(reference[0]!) ? "identical" : `DIFFER: ${pairsOf(r)} vs ${pairsOf(reference[0]!)}`})`,
  );
  console.log(`  ${r.detail}`);
  console.log(
    `export files, ${label}: the shipped CLI (report --no-adjust, spawn to exit) ${mid(cli, "wallMs")} ms; ` +
      `reference process (spawn to exit) ${mid(reference, "wallMs")} ms; ` +
      `ratio ${(mid(cli, "wallMs") / mid(reference, "wallMs")).toFixed(2)} (target ≤ 1.5; medians of ${runs}; ` +
      `pair counts ${pairsOf(cli[0]!) === pairsOf(reference[0]!) ? "identical" : `DIFFER: ${pairsOf(cli[0]!)} vs ${pairsOf(reference[0]!)}`})`,
  );
}

export async function run(): Promise<void> {
  const { distIsFresh } = await import("../test/support/cli-entry.js");
  if (!distIsFresh()) throw new Error("bench export runs the built library: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "microgoals-export-bench-"));
  try {
    const projectFile = join(dir, "project.json");
    writeFileSync(projectFile, JSON.stringify(await project()));
    const projectDir = writeMerchProjectDir(join(dir, "merch"));
    besideReference("7 real days", realFiles, projectFile, projectDir, 7);
    // The same with a goal defined by the page (its hits read from event_params): the reference
    // finds page_location once, on page views only (bench/reference-page-pairs.sql).
    const pageDir = writeMerchProjectDir(join(dir, "merch-page"), { pageGoal: true });
    const pageFile = await projectJson(pageDir, join(dir, "page-project.json"));
    const pageSql = "reference-page-pairs.sql";
    besideReference("7 real days, with a page-path goal", realFiles, pageFile, pageDir, 7, pageSql);
    const load = child("load", realFiles);
    console.log(`emulator --load, same 7 real days (all parameters): ${load.detail}`);
    const big = Number(process.env.EXPORT_BENCH_EVENTS ?? 10_000_000);
    const apiN = Number(process.env.EXPORT_BENCH_API_EVENTS ?? 1_000_000);
    const bigFile = join(dir, "big.parquet");
    const smallFile = join(dir, "small.parquet");
    const gen = child("generate", `${bigFile}|${big}`);
    console.log(`generate ${big} events (DuckDB → Parquet): ${gen.ms} ms`);
    besideReference(`${big} generated events`, bigFile, projectFile, projectDir);
    besideReference(`${big} generated events, with a page-path goal`, bigFile, pageFile, pageDir, 3, pageSql);
    if (process.env.EXPORT_BENCH_API === "0") return;
    child("generate", `${smallFile}|${apiN}`);
    const duck = built("files", smallFile, projectFile);
    const api = child("api", smallFile);
    console.log(
      `export files, ${apiN} generated events (DuckDB): ${duck.ms} ms wall, ${duck.rssMb} MB peak RSS`,
    );
    console.log(
      `Data API path (emulator load + official client), same ${apiN} events: ${api.ms} ms wall, ${api.rssMb} MB peak RSS (${api.detail})`,
    );
    console.log(
      `ratio DuckDB / Data API path at ${apiN} events: wall ${(duck.ms / api.ms).toFixed(2)}, peak memory ${(duck.rssMb / api.rssMb).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf("--child");
if (i >= 0) await childMain(process.argv[i + 1] as string, process.argv[i + 2] as string);
