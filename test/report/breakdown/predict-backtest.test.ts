// Backtest of the early verdict on the real Merchandise Store days: learn on Nov 1–4, predict each
// channel's conversion by Nov 8 for the users who arrived on the first 1, 2, 3 days of Nov 5–8,
// and compare with what those users really converted. At 3 days the model must beat the naive
// predictor (the channel's own rate so far).
import { beforeAll, describe, expect, it } from "vitest";
import { backtest } from "../../../src/report/breakdown/backtest.js";
import type { MemberTimeline } from "../../../src/report/breakdown/predict.js";
import { filesMemberTimelines } from "../../../src/report/sources/files/files-timelines.js";
import { exportDir, merchMicros, merchProject } from "../../export/merch-project.js";

let members: MemberTimeline[];

beforeAll(async () => {
  members = await filesMemberTimelines(merchProject(), {
    files: `${exportDir}/*.parquet`,
    since: "2020-11-01",
    until: "2020-11-08",
    breakdown: { dimensions: ["channel"], scope: "first_visit" },
  });
}, 120_000);

describe("--predict backtest on the real export", () => {
  it("errs less than the channel's rate so far, after 3 days", () => {
    const r = backtest(members, {
      trainStart: "20201101",
      predictStart: "20201105",
      days: 4,
      observedDays: [1, 2, 3],
      macroId: "purchase",
      microIds: merchMicros,
      minUsers: 50,
    });
    const at3 = r.find((x) => x.observedDays === 3)!;
    console.log(
      r
        .map(
          (x) =>
            `${x.observedDays}d: model MAE ${x.modelError.toFixed(5)}, naive MAE ${x.naiveError.toFixed(5)} over ${x.segments} channels`,
        )
        .join("\n"),
    );
    expect(at3.segments).toBeGreaterThanOrEqual(3);
    expect(at3.modelError).toBeLessThan(at3.naiveError);
    // Every prediction interval is a real interval around its point, at least the rate so far.
    for (const x of r)
      for (const s of x.predictions) {
        expect(s.predicted.low).toBeLessThanOrEqual(s.predicted.rate);
        expect(s.predicted.high).toBeGreaterThanOrEqual(s.predicted.rate);
        expect(s.predicted.low).toBeGreaterThanOrEqual(s.soFar.rate!);
      }
  });
});
