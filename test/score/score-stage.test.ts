// `score` says on a terminal what it is doing while the engine reads the export (cli/report-stages.ts):
// run in-process and listened to on the stages' channel.
import { channel } from "node:diagnostics_channel";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runScore } from "../../src/cli/run/score.js";
import { REPORT_STAGE_CHANNEL } from "../../src/report/report-stage.js";

const FILES = join(import.meta.dirname, "../../../shared/reference/ga4-export/events_20201101.parquet");

describe("score's stage", () => {
  it("is announced while the export is read, and the calibration follows", async () => {
    const stages: unknown[] = [];
    const onStage = (stage: unknown) => stages.push(stage);
    const printed: string[] = [];
    const write = vi
      .spyOn(process.stdout, "write")
      .mockImplementation((text) => printed.push(String(text)) > 0);
    channel(REPORT_STAGE_CHANNEL).subscribe(onStage);
    try {
      await runScore("examples/merch-store", {
        macro: "purchase",
        source: "files",
        files: FILES,
        format: "text",
      });
    } finally {
      channel(REPORT_STAGE_CHANNEL).unsubscribe(onStage);
      write.mockRestore();
    }
    expect(stages).toEqual(["score: each user's micro goals in the export files"]);
    expect(printed.join("")).toMatch(/purchase: fit on \d+ users, judged on \d+ held-out users; AUC/);
  });
});
