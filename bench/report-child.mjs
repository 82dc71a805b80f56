// One timed report (or reference query) in a fresh plain Node process on the built library (dist/,
// tsc's per-module output; the CLI runs the same code bundled: shipped-cli.ts times that), no
// TypeScript loader: tsx's module hooks would bill every one of the report's modules, not the
// reference's two. Prints its figure (child-figure.ts) as the
// last line of JSON.
//   node bench/report-child.mjs files PROJECT.json FILES crude|adjusted
//   node bench/report-child.mjs reference FILES [SQL]   (SQL: a file beside this one; default reference-pairs.sql)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const t0 = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "../dist/report/sources/files");
const [mode, ...args] = process.argv.slice(2);
let detail = "";
if (mode === "files") {
  const [projectFile, files, kind] = args;
  const { filesReport } = await import(join(dist, "files-source.js"));
  const project = JSON.parse(readFileSync(projectFile, "utf8"));
  const r = await filesReport(project, { files, allowGaps: true, adjust: kind === "adjusted" });
  const pairs = r.pairs.map((p) => `${p.microId}=${p.convertedAfterMicro}`).sort();
  const ok = (r.adjusted ?? []).filter((a) => a.effect.status === "ok").length;
  detail = `${r.totalEvents} events, ${r.totalUsers} users${kind === "adjusted" ? `, ${ok} of ${r.adjusted?.length ?? 0} pairs adjusted` : ""}; pairs ${pairs.join(" ")}`;
} else if (mode === "reference") {
  const [files, sqlFile = "reference-pairs.sql"] = args;
  // Loaded as the library loads it (report/sources/files/duckdb-api.ts: required, not imported, which
  // spares Node's ESM loader lexing the client's ~120 CommonJS files): imported, the reference alone
  // took ~95 ms longer on 7 real days (306 vs 211 ms), which flattered the report's ratio.
  const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api");
  // Only the engine's settings: the reference process loads DuckDB and nothing of the report.
  const { duckDbConfig } = await import(join(dist, "duckdb-config.js"));
  const spill = mkdtempSync(join(tmpdir(), "microgoals-reference-"));
  const db = await DuckDBInstance.create(":memory:", duckDbConfig({}, spill));
  const c = await db.connect();
  const globbed = await c.runAndReadAll(`SELECT list(file ORDER BY file) AS f FROM glob('${files}')`);
  const glob = globbed.getRowObjectsJS()[0]?.f;
  const sql = readFileSync(join(here, sqlFile), "utf8").replaceAll(
    "{{files}}",
    `[${glob.map((f) => `'${f}'`).join(", ")}]`,
  );
  const rows = (await c.runAndReadAll(sql)).getRowObjectsJS();
  c.closeSync();
  db.closeSync();
  rmSync(spill, { recursive: true, force: true });
  detail = `pairs ${rows
    .map((r) => `${r.micro}=${r.users}`)
    .sort()
    .join(" ")}`;
} else throw new Error(`report-child: unknown mode ${mode}`);
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), rssMb: Math.round(rssMb), detail }));
