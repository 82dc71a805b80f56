// Discover beside the report, as cold whole processes on the same files, interleaved: the seven
// real days (Parquet) and generated planted-driver traffic (NDJSON, DISCOVER_BENCH_USERS users,
// default 100,000 ≈ 1.5M events). Prints wall time and peak memory of each and the ratio
// (target ≤ 3× the report). Needs `npm run build` (runs dist/cli/main.js).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writePlantedTraffic } from "../test/report/discover/planted-traffic.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist/cli/main.js");

interface Figure {
  ms: number;
  rssMb: number;
}

/** One cold process; peak RSS from GNU time's report of the child (%M, KiB). */
function measure(args: string[]): Figure {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, ...args], { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`failed: ${args.join(" ")}`);
  return { ms, rssMb: Number(r.stderr.trim().split("\n").at(-1)) / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function compare(name: string, project: string, files: string, macro: string, rounds = 3): void {
  const report: Figure[] = [];
  const found: Figure[] = [];
  for (let i = 0; i < rounds; i++) {
    report.push(
      measure([
        "report",
        project,
        "--source",
        "files",
        "--files",
        files,
        "--allow-gaps",
        "--format",
        "json",
        "-o",
        "/dev/null",
      ]),
    );
    found.push(
      measure([
        "discover",
        project,
        "--macro",
        macro,
        "--files",
        files,
        "--format",
        "json",
        "-o",
        "/dev/null",
      ]),
    );
  }
  const r = { ms: median(report.map((f) => f.ms)), rss: Math.max(...report.map((f) => f.rssMb)) };
  const d = { ms: median(found.map((f) => f.ms)), rss: Math.max(...found.map((f) => f.rssMb)) };
  console.log(
    `${name}: report ${r.ms.toFixed(0)} ms / ${r.rss.toFixed(0)} MB, discover ${d.ms.toFixed(0)} ms / ${d.rss.toFixed(0)} MB — ratio ${(d.ms / r.ms).toFixed(2)}× time, ${(d.rss / r.rss).toFixed(2)}× memory (target ≤ 3×)`,
  );
}

export async function run(): Promise<void> {
  compare(
    "7 real days (296,928 events)",
    join(root, "examples/merch-store"),
    join(root, "../shared/reference/ga4-export/*.parquet"),
    "purchase",
  );
  const dir = mkdtempSync(join(tmpdir(), "mg-discover-bench-"));
  try {
    const users = Number(process.env.DISCOVER_BENCH_USERS ?? 100_000);
    const file = writePlantedTraffic(dir, 1, users);
    const { writeFileSync, mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "project", "goals"), { recursive: true });
    writeFileSync(
      join(dir, "project", "microgoals.yaml"),
      'version: 1\nname: Bench\ndefault_target: t\ntargets:\n  t:\n    gtm: { account: "1", container: "1", workspace: microgoals }\n    ga4: { property: "1", measurement_id: G-BENCH00001 }\nreport: { window: 7d, min_users: 30 }\n',
    );
    writeFileSync(
      join(dir, "project", "goals", "g.yaml"),
      "goals:\n  - id: purchase\n    title: Purchase\n    kind: macro\n    trigger:\n      data_layer: { event: purchase }\n  - id: download_brochure\n    title: Brochure\n    kind: micro\n    role: secondary\n    leads_to: [purchase]\n    trigger:\n      data_layer: { event: download_brochure }\n",
    );
    compare(
      `planted traffic, ${users.toLocaleString("en-US")} users`,
      join(dir, "project"),
      file,
      "purchase",
      1,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
