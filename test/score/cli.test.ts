// `microgoals score` through the CLI on the real Merchandise Store export.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const FILES = join(import.meta.dirname, "../../../shared/reference/ga4-export/*.parquet");

describe("microgoals score", () => {
  it("prints calibration and AUC, writes scores with three reasons and no converted user", () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-score-"));
    try {
      const out = join(dir, "scores.csv");
      const r = runCli([
        "score",
        "examples/merch-store",
        "--macro",
        "purchase",
        "--files",
        FILES,
        "--out",
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/purchase: fit on \d+ users, judged on \d+ held-out users; AUC 0\.9\d\d/);
      expect(r.stdout.split("\n").filter((l) => /^\s+\d+\s+\d+\s+[\d.]+%/.test(l))).toHaveLength(10);
      const lines = readFileSync(out, "utf8").trim().split("\n");
      expect(lines[0]).toBe("user_id,score,reason_1,reason_2,reason_3");
      expect(lines.length).toBeGreaterThan(10_000);
      const [, score, reason] = lines[1]!.split(",");
      expect(Number(score)).toBeGreaterThan(0.1);
      expect(reason).toBe("add_payment_info");
      const json = runCli([
        "score",
        "examples/merch-store",
        "--macro",
        "purchase",
        "--files",
        FILES,
        "--format",
        "json",
      ]);
      expect(JSON.parse(json.stdout)).toMatchObject({ macro: "purchase", calibration: expect.any(Array) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses a goal that is not a macro and a missing --files as usage errors", () => {
    const r = runCli(["score", "examples/merch-store", "--macro", "view_item", "--files", FILES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"view_item" is not a macro goal/);
    expect(runCli(["score", "examples/merch-store", "--macro", "purchase"]).code).toBe(2);
  }, 30_000);
});
