// What a terminal shows while a report runs: the stage and the seconds since the start on one
// line, rewritten in place, cleared at the end; nothing at all on a pipe or a file.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { showReportStages } from "../../src/cli/report-stages.js";
import { reportProgress, reportStage } from "../../src/report/report-stage.js";

function stream(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) > 0 };
}

describe("report stages on stderr", () => {
  it("rewrites one line per stage with the elapsed seconds, and clears it when stopped", () => {
    let t = 1_000;
    const out = stream(true, 100);
    const stop = showReportStages(out, () => t);
    reportStage("counting goals in the export files");
    t += 2_400;
    reportStage("adjusted effects: bootstrap intervals (100 replicates)");
    stop();
    reportStage("after the report");
    expect(out.written).toEqual([
      "\r\x1b[Kmicrogoals: counting goals in the export files\u2026 0 s",
      "\r\x1b[Kmicrogoals: adjusted effects: bootstrap intervals (100 replicates)\u2026 2 s",
      "\r\x1b[K",
    ]);
  });

  it("redraws on progress, once per whole percent, and a new stage starts without one", () => {
    let t = 0;
    const out = stream(true, 100);
    const stop = showReportStages(out, () => t);
    reportStage("adjusted effects: bootstrap intervals (100 replicates)");
    t = 1_500;
    reportProgress(0.02);
    reportProgress(0.025);
    t = 3_100;
    reportProgress(0.5);
    reportStage("next");
    stop();
    expect(out.written).toEqual([
      "\r\x1b[Kmicrogoals: adjusted effects: bootstrap intervals (100 replicates)\u2026 0 s",
      "\r\x1b[Kmicrogoals: adjusted effects: bootstrap intervals (100 replicates)\u2026 2% 1 s",
      "\r\x1b[Kmicrogoals: adjusted effects: bootstrap intervals (100 replicates)\u2026 50% 3 s",
      "\r\x1b[Kmicrogoals: next\u2026 3 s",
      "\r\x1b[K",
    ]);
  });

  it("clears its line for another line written meanwhile, then draws the stage below it", () => {
    const out = stream(true, 100);
    const stop = showReportStages(out, () => 0);
    out.write("before any stage\n");
    reportStage("counting goals in BigQuery");
    out.write("bigquery: dry run: the breakdown will scan 1 MB more\n");
    stop();
    out.write("after\n");
    expect(out.written).toEqual([
      "before any stage\n",
      "\r\x1b[Kmicrogoals: counting goals in BigQuery\u2026 0 s",
      "\r\x1b[K",
      "bigquery: dry run: the breakdown will scan 1 MB more\n",
      "\r\x1b[Kmicrogoals: counting goals in BigQuery\u2026 0 s",
      "\r\x1b[K",
      "after\n",
    ]);
  });

  it("never wraps: a line wider than the terminal is cut to it", () => {
    const out = stream(true, 30);
    const stop = showReportStages(out, () => 0);
    reportStage("adjusted effects: each session's history");
    stop();
    expect(out.written[0]).toBe("\r\x1b[Kmicrogoals: adjusted effects\u2026");
  });

  it("writes nothing to a pipe or a file, and nothing when no stage came", () => {
    const pipe = stream(false);
    const stopPipe = showReportStages(pipe);
    reportStage("counting goals in the export files");
    stopPipe();
    const quiet = stream(true);
    showReportStages(quiet)();
    expect([pipe.written, quiet.written]).toEqual([[], []]);
  });

  it("tells a pipe on stdout (a pager) from a file", () => {
    const repo = join(import.meta.dirname, "../..");
    const script = `import(${JSON.stringify(pathToFileURL(join(repo, "src/cli/report-stages.ts")).href)}).then((m) => process.stderr.write(String(m.stdoutIsPipe())))`;
    const run = (stdout: "pipe" | number) =>
      spawnSync(
        process.execPath,
        ["--import", pathToFileURL(join(repo, "node_modules/tsx/dist/loader.mjs")).href, "-e", script],
        { stdio: ["ignore", stdout, "pipe"], encoding: "utf8" },
      ).stderr;
    const dir = mkdtempSync(join(tmpdir(), "mg-stages-"));
    try {
      const fd = openSync(join(dir, "out.txt"), "w");
      const toFile = run(fd);
      closeSync(fd);
      expect([run("pipe"), toFile, readFileSync(join(dir, "out.txt"), "utf8")]).toEqual([
        "true",
        "false",
        "",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
