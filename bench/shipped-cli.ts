// `microgoals report --source files` as a user runs it: the built bin (dist/cli/main.js, the bundle
// from its V8 code cache) in a process of its own, timed from spawn to exit; the report as JSON in
// a file, read back for its pair counts.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Figure } from "./child-figure.js";

const cliEntry = join(import.meta.dirname, "../dist/cli/main.js");

/** The report on `projectDir` (`adjust` false: --no-adjust); `detail`: its pairs as micro=converters. */
export function shippedCliReport(files: string, projectDir: string, adjust: boolean): Figure {
  const out = join(projectDir, "report.json");
  const args = [cliEntry, "report", projectDir, "--source", "files", "--files", files, "--allow-gaps"];
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [...args, ...(adjust ? [] : ["--no-adjust"]), "--format", "json", "--out", out],
    { encoding: "utf8" },
  );
  const wallMs = Math.round(performance.now() - t);
  if (r.status !== 0) throw new Error(`microgoals report: exit ${r.status} ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    pairs: { microId: string; afterMicro: { x: number }; adjusted?: { status: string } }[];
  };
  const pairs = report.pairs.map((p) => `${p.microId}=${p.afterMicro.x}`).sort();
  const ok = report.pairs.filter((p) => p.adjusted?.status === "ok").length;
  return {
    ms: wallMs,
    wallMs,
    rssMb: 0,
    detail: `${adjust ? `${ok} pairs adjusted; ` : ""}pairs ${pairs.join(" ")}`,
  };
}
