// Adjusted effects (docs/effects.md) against the crude report, same files, same run: the 7 real
// Merchandise Store days and a generated export of 10M events (EFFECTS_BENCH_EVENTS) with the
// history columns the adjustment reads. Each measurement runs in its own child process so peak RSS
// is that path's alone; figures are wall time and peak memory, and their ratio adjusted / crude
// (medians over alternating rounds: one run on a shared machine is one burst of someone's load).
// Both sides run the built library (dist/, tsc's per-module output, with the CLI's bootstrap
// worker) in plain Node (bench/report-child.mjs, no TypeScript loader), so `npm run build` first.
// Beside them, the same as the CLI ships and a user runs it (bench/shipped-cli.ts): `microgoals
// report` and `report --no-adjust` on the same goals in a project directory, spawn to exit.
// `npx tsx bench/run.ts effects`.
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

function child(mode: string, arg: string): Figure {
  return childFigure(here, mode, arg);
}

async function childMain(mode: string, arg: string): Promise<void> {
  const t0 = performance.now();
  let detail = "";
  if (mode === "generate") {
    const [file, n] = arg.split("|") as [string, string];
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    // ~10 events per user over 7 days, 2 sessions each, goal events among page views, and the
    // history columns (device, first-touch source and time, engaged time).
    const users = Math.max(1, Math.floor(Number(n) / 10));
    const micros = ["view_item", "add_to_cart", "begin_checkout", "add_shipping_info", "add_payment_info"];
    const names = ["page_view", "page_view", "page_view", "user_engagement", "scroll", ...micros, "purchase"];
    const v = (s: string, i: string) =>
      `{'string_value': ${s}, 'int_value': ${i}, 'float_value': NULL::DOUBLE, 'double_value': NULL::DOUBLE}`;
    await c.run(`COPY (
      SELECT strftime(to_timestamp(ts / 1000000), '%Y%m%d') AS event_date, ts AS event_timestamp, event_name,
        [{'key': 'ga_session_id', 'value': ${v("NULL::VARCHAR", "(u * 2 + (ts % 2))::BIGINT")}},
         {'key': 'page_location', 'value': ${v("'https://shop.example/p/' || (i % 997)", "NULL::BIGINT")}},
         {'key': 'engagement_time_msec', 'value': ${v("NULL::VARCHAR", "(hash(i * 3) % 60000)::BIGINT")}}] AS event_params,
        NULL::VARCHAR AS user_id, 'u' || u AS user_pseudo_id,
        1604188800000000 - (hash(u) % 2592000000000)::BIGINT AS user_first_touch_timestamp,
        {'category': list_extract(['desktop', 'mobile', 'tablet'], 1 + (hash(u * 5) % 3)::INT)} AS device,
        {'medium': list_extract(['organic', '(none)', 'cpc', 'referral'], 1 + (hash(u * 11) % 4)::INT),
         'name': '(not set)', 'source': list_extract(['google', '(direct)', 'bing'], 1 + (hash(u * 13) % 3)::INT)} AS traffic_source
      FROM (SELECT i, hash(i // 10) % ${users} AS u, 1604188800000000 + (hash(i) % 604800000000)::BIGINT AS ts,
              list_extract([${names.map((x) => `'${x}'`).join(", ")}], 1 + (hash(i * 7) % ${names.length})::INT) AS event_name
            FROM range(${Number(n)}) t(i))
    ) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
    c.closeSync();
    db.closeSync();
    detail = `wrote ${n} events`;
  }
  printFigure(t0, detail);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/**
 * `rounds` crude/adjusted pairs of runs, alternating, so a burst of load on a shared machine lands
 * on both sides: wall time is each side's median, peak memory each side's largest.
 */
function compare(
  label: string,
  files: string,
  projectFile: string,
  projectDir: string,
  rounds: number,
): void {
  const crude: Figure[] = [];
  const adjusted: Figure[] = [];
  const cliCrude: Figure[] = [];
  const cliAdjusted: Figure[] = [];
  const report = (kind: string) =>
    plainChildFigure(join(import.meta.dirname, "report-child.mjs"), ["files", projectFile, files, kind]);
  for (let i = 0; i < rounds; i++) {
    crude.push(report("crude"));
    adjusted.push(report("adjusted"));
    cliCrude.push(shippedCliReport(files, projectDir, false));
    cliAdjusted.push(shippedCliReport(files, projectDir, true));
  }
  const ms = (fs: Figure[]) => Math.round(median(fs.map((f) => f.ms)));
  const mb = (fs: Figure[]) => Math.max(...fs.map((f) => f.rssMb));
  const of = rounds > 1 ? ` (median of ${rounds} alternating runs; peak: largest)` : "";
  console.log(
    `${label}, crude report: ${ms(crude)} ms wall, ${mb(crude)} MB peak RSS${of} (${crude[0]?.detail})`,
  );
  console.log(
    `${label}, crude + adjusted: ${ms(adjusted)} ms wall, ${mb(adjusted)} MB peak RSS${of} (${adjusted[0]?.detail})`,
  );
  const each =
    rounds > 1
      ? `; per round ${crude.map((c, i) => ((adjusted[i] as Figure).ms / c.ms).toFixed(2)).join(", ")}`
      : "";
  console.log(
    `${label}, ratio adjusted / crude: wall ${(ms(adjusted) / ms(crude)).toFixed(2)}×, peak memory ${(mb(adjusted) / mb(crude)).toFixed(2)}×${each}`,
  );
  console.log(
    `${label}, the shipped CLI, spawn to exit: report ${ms(cliAdjusted)} ms, report --no-adjust ${ms(cliCrude)} ms, ` +
      `ratio ${(ms(cliAdjusted) / ms(cliCrude)).toFixed(2)}×${rounds > 1 ? ` (medians of ${rounds})` : ""} (${cliAdjusted[0]?.detail})`,
  );
}

export async function run(): Promise<void> {
  const { distIsFresh } = await import("../test/support/cli-entry.js");
  if (!distIsFresh()) throw new Error("bench effects runs the built library: run `npm run build` first");
  // Rounds: EFFECTS_BENCH_ROUNDS (default 5 on the real days, 3 on the generated events: one round
  // of 10M events ranged 4.6–5.7× on one machine within minutes, so one is not a figure).
  const rounds = Number(process.env.EFFECTS_BENCH_ROUNDS ?? 0);
  const dir = mkdtempSync(join(tmpdir(), "microgoals-effects-bench-"));
  try {
    // Secondary actions: the adjustment runs for every pair.
    const { merchProject, goal, merchMicros } = await import("../test/export/merch-project.js");
    const project = merchProject([
      goal("purchase", "macro"),
      ...merchMicros.map((m) => goal(m, "micro", { role: "secondary" })),
    ]);
    const projectFile = join(dir, "project.json");
    writeFileSync(projectFile, JSON.stringify(project));
    const projectDir = writeMerchProjectDir(join(dir, "merch"), { secondary: true });
    compare("7 real days", realFiles, projectFile, projectDir, rounds || 5);
    const big = Number(process.env.EFFECTS_BENCH_EVENTS ?? 10_000_000);
    const file = join(dir, "big.parquet");
    const gen = child("generate", `${file}|${big}`);
    console.log(`generate ${big} events with history columns (DuckDB → Parquet): ${gen.ms} ms`);
    compare(`${big} generated events`, file, projectFile, projectDir, rounds || 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf("--child");
if (i >= 0) await childMain(process.argv[i + 1] as string, process.argv[i + 2] as string);
