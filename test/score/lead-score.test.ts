import { join } from "node:path";
// Lead scores from micro-goal history: the fit recovers known effects, the held-out evaluation is
// honest, and on the real Merchandise Store export the deciles match the observed rates.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { openExportFiles } from "../../src/report/sources/files/export-files.js";
import { auc, calibrationByDecile, wilson } from "../../src/score/evaluation.js";
import { historySql } from "../../src/score/history-sql.js";
import { fitLeadScore, type HistoryRow, topReasons } from "../../src/score/lead-score.js";
import { fitLogistic, predict } from "../../src/score/logistic-regression.js";

describe("logistic regression", () => {
  it("recovers the log-odds of a saturated model from pattern counts", () => {
    // P(convert) = 10% without the goal, 50% with it: log-odds -2.197 and 0
    const m = fitLogistic(
      [
        { features: [0], users: 10_000, converted: 1_000 },
        { features: [1], users: 10_000, converted: 5_000 },
      ],
      1,
      0,
    );
    expect(m.intercept).toBeCloseTo(Math.log(1 / 9), 6);
    expect(m.weights[0]).toBeCloseTo(-Math.log(1 / 9), 6);
    expect(predict(m, [1])).toBeCloseTo(0.5, 6);
  });

  it("shrinks toward zero with the penalty and stays finite on separable data", () => {
    const separable = [
      { features: [0], users: 100, converted: 0 },
      { features: [1], users: 100, converted: 100 },
    ];
    const m = fitLogistic(separable, 1, 1);
    expect(Number.isFinite(m.weights[0])).toBe(true);
    expect(m.weights[0]).toBeGreaterThan(3);
    expect(fitLogistic(separable, 1, 100).weights[0]).toBeLessThan(m.weights[0]!);
  });
});

describe("evaluation", () => {
  it("AUC: 1 when every converter ranks above, 0.5 for ties, Mann-Whitney in between", () => {
    expect(
      auc([
        { score: 0.1, users: 5, converted: 0 },
        { score: 0.9, users: 5, converted: 5 },
      ]),
    ).toBe(1);
    expect(auc([{ score: 0.3, users: 10, converted: 4 }])).toBe(0.5);
    // pos {0.2, 0.8}, neg {0.5}: one of two pairs ordered
    expect(
      auc([
        { score: 0.2, users: 1, converted: 1 },
        { score: 0.5, users: 1, converted: 0 },
        { score: 0.8, users: 1, converted: 1 },
      ]),
    ).toBe(0.5);
  });

  it("deciles hold a tenth of the users each, splitting a shared score", () => {
    const rows = calibrationByDecile([
      { score: 0.1, users: 50, converted: 5 },
      { score: 0.6, users: 50, converted: 30 },
    ]);
    expect(rows.map((r) => r.users)).toEqual(new Array(10).fill(10));
    expect(rows[0]).toMatchObject({ decile: 1, predicted: 0.1, observed: 0.1 });
    expect(rows[9]).toMatchObject({ decile: 10, predicted: 0.6, observed: 0.6 });
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("lead score", () => {
  it("names the goals that raise a score most", () => {
    const rows: HistoryRow[] = [];
    for (const heldOut of [false, true])
      for (let mask = 0; mask < 8; mask++) {
        const features = [mask & 1, (mask >> 1) & 1, (mask >> 2) & 1];
        const p = (0.05 + 0.3 * features[0]! + 0.1 * features[1]!) * (features[2] ? 0.5 : 1);
        rows.push({ heldOut, converted: true, features, users: Math.round(1000 * p) });
        rows.push({ heldOut, converted: false, features, users: Math.round(1000 * (1 - p)) });
      }
    const m = fitLeadScore(rows, ["a", "b", "c"]);
    expect(topReasons(m, [1, 1, 1])).toEqual(["a", "b"]);
    expect(m.auc).toBeGreaterThan(0.7);
  });

  it("on the real Merchandise Store export: purchase deciles within their intervals, AUC on held-out users", async () => {
    const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
    const conn = await instance.connect();
    try {
      const files = await openExportFiles(
        conn,
        join(import.meta.dirname, "../../../shared/reference/ga4-export/*.parquet"),
      );
      const micro = [
        "view_item",
        "add_to_cart",
        "begin_checkout",
        "add_shipping_info",
        "add_payment_info",
        "view_promotion",
        "select_promotion",
        "select_item",
        "view_search_results",
        "scroll",
      ];
      const sql = historySql({
        from: files.source.from,
        hasUserId: files.source.hasUserId,
        macroEvent: "purchase",
        microEvents: micro,
      });
      const result = await conn.runAndReadAll(sql);
      const rows: HistoryRow[] = result.getRowObjectsJS().map((r) => ({
        heldOut: Number(r.held_out) === 1,
        converted: Number(r.converted) === 1,
        features: micro.map((_, i) => Number(r[`f${i}`])),
        users: Number(r.users),
      }));
      const m = fitLeadScore(rows, micro);
      const total = m.fitUsers + m.heldOutUsers;
      expect(m.heldOutUsers / total).toBeGreaterThan(0.15);
      expect(m.heldOutUsers / total).toBeLessThan(0.25);
      expect(m.auc).toBeGreaterThan(0.8);
      const outside = m.calibration.filter((d) => d.predicted < d.low || d.predicted > d.high);
      console.log(
        `users ${total} (held out ${m.heldOutUsers}), AUC ${m.auc.toFixed(3)}\n` +
          m.calibration
            .map(
              (d) =>
                `decile ${d.decile}: ${d.users} users, predicted ${(100 * d.predicted).toFixed(2)}%, observed ${(100 * d.observed).toFixed(2)}% [${(100 * d.low).toFixed(2)}, ${(100 * d.high).toFixed(2)}]`,
            )
            .join("\n"),
      );
      expect(outside).toEqual([]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }, 120_000);
});
