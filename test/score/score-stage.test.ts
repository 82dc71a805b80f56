// `score` says on a terminal what it is doing while the engine reads the export (cli/report-stages.ts):
// run in-process and listened to on the stages' channel.
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runScore } from "../../src/cli/run/score.js";
import { stagesDuring } from "../support/report-stages.js";

const FILES = join(import.meta.dirname, "../../../shared/reference/ga4-export/events_20201101.parquet");

describe("score's stage", () => {
  it("is announced while the export is read, and the calibration follows", async () => {
    const printed: string[] = [];
    const write = vi
      .spyOn(process.stdout, "write")
      .mockImplementation((text) => printed.push(String(text)) > 0);
    const { stages } = await stagesDuring(() =>
      runScore("examples/merch-store", { macro: "purchase", source: "files", files: FILES, format: "text" }),
    ).finally(() => write.mockRestore());
    expect(stages).toEqual(["score: each user's micro goals in the export files"]);
    expect(printed.join("")).toMatch(/purchase: fit on \d+ users, judged on \d+ held-out users; AUC/);
  });
});
