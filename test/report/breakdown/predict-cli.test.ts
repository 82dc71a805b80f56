// `report --by channel --predict` end to end on the real days, and its usage errors.
import { describe, expect, it } from "vitest";
import { runReport } from "../../../src/report/run-report.js";
import { exportDir } from "../../export/merch-project.js";

const files = `${exportDir}/*.parquet`;
const example = new URL("../../../examples/merch-store", import.meta.url).pathname;
const base = {
  dir: example,
  source: { kind: "files" as const, files, allowGaps: true },
  breakdown: { dimensions: ["channel" as const], scope: "first_visit" as const },
};

describe("report --predict", () => {
  it("predicts each channel's eventual purchase rate beside the rate so far", async () => {
    const { analysis, output } = await runReport({
      ...base,
      since: "2020-11-07",
      until: "2020-11-08",
      predict: { trainSince: "2020-11-01", trainUntil: "2020-11-05" },
      format: "md",
    });
    const p = analysis.breakdown!.prediction!;
    expect(p).toMatchObject({ macroId: "purchase", observedDays: 2, horizonDays: 3 });
    expect(p.trainingUsers).toBeGreaterThan(1000);
    for (const s of p.segments) {
      expect(s.predicted.rate).toBeGreaterThanOrEqual(s.soFar.rate!);
      expect(s.predicted.low).toBeLessThanOrEqual(s.predicted.rate);
      expect(s.predicted.high).toBeGreaterThanOrEqual(s.predicted.rate);
    }
    expect(p.segments.map((s) => s.value)).toContain("Organic Search");
    expect(output).toContain("#### Early verdict: predicted purchase rate within 3 days after the range");
  }, 60_000);

  it.each([
    [{ trainSince: "2020-11-06", trainUntil: "2020-11-08" }, "overlaps the predicted one"],
    [{ trainSince: "2020-11-01", trainUntil: "2020-11-02" }, "must be longer than the predicted one"],
    [{ trainSince: "2020-10-01", trainUntil: "2020-10-20" }, "no users in the training period"],
  ])(
    "refuses %j with a usage error",
    async (predict, message) => {
      const err = await runReport({ ...base, since: "2020-11-07", until: "2020-11-08", predict }).catch(
        (e) => e,
      );
      expect(err.message).toContain(message);
      expect(err.exitCode).toBe(2);
    },
    60_000,
  );

  it("needs --by and export files", async () => {
    const noBy = await runReport({
      ...base,
      breakdown: undefined,
      since: "2020-11-07",
      until: "2020-11-08",
      predict: {},
    }).catch((e) => e);
    expect(noBy.message).toContain("--predict needs --by");
  });
});
