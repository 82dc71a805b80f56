// The estimator's parts on hand-checked data: E-values, weighted Kaplan–Meier, sequential trials,
// coarsening and the propensity fit.
import { describe, expect, it } from "vitest";
import { estimateAdjustedEffect } from "../../src/report/effects/adjusted-effect.js";
import { categoryOf } from "../../src/report/effects/category.js";
import { binned, historyBins, topCategories } from "../../src/report/effects/coarsen.js";
import { eValue, eValueOfBound } from "../../src/report/effects/e-value.js";
import type { Journeys } from "../../src/report/effects/journeys.js";
import { cumulativeIncidence } from "../../src/report/effects/kaplan-meier.js";
import { fitPropensity, propensity, propensityDesign } from "../../src/report/effects/propensity.js";
import { timeOrder } from "../../src/report/effects/time-order.js";
import { trialRows } from "../../src/report/effects/trials.js";
import { confoundedJourneys } from "./confounded-journeys.js";

describe("E-value", () => {
  it("matches VanderWeele & Ding's worked values", () => {
    expect(eValue(3.9)).toBeCloseTo(7.26, 2); // RR 3.9 → 7.26
    expect(eValue(1)).toBe(1);
    expect(eValue(0.5)).toBeCloseTo(eValue(2)!, 12); // protective: 1/RR
    expect(eValueOfBound(2, 0.9, 4)).toBe(1); // the interval holds no effect
    expect(eValueOfBound(3.9, 1.8, 8.6)).toBeCloseTo(eValue(1.8)!, 12);
    expect(eValueOfBound(0.5, 0.3, 0.8)).toBeCloseTo(eValue(0.8)!, 12);
  });
});

describe("weighted Kaplan–Meier", () => {
  const time = Float64Array.from([1, 2, 2, 3, 5, 8]);
  const event = Uint8Array.from([1, 1, 0, 1, 0, 1]);
  const rows = Int32Array.from([0, 1, 2, 3, 4, 5]);
  const order = timeOrder(rows, time, event);

  it("equals the textbook estimate with unit weights (events before censorings at ties)", () => {
    const w = new Float64Array(6).fill(1);
    const [a, b, c, d] = cumulativeIncidence(order, time, event, w, [1, 2.5, 4, 100]);
    expect(a).toBeCloseTo(1 / 6, 12);
    expect(b).toBeCloseTo(1 - (5 / 6) * (4 / 5), 12);
    expect(c).toBeCloseTo(1 - (5 / 6) * (4 / 5) * (2 / 3), 12);
    expect(d).toBeCloseTo(1, 12); // the last row is an event: survival reaches 0
  });

  it("counts a row of weight 2 as two rows and leaves weight-0 rows out", () => {
    const w2 = Float64Array.from([2, 1, 1, 1, 1, 1]);
    const dup = Float64Array.from([1, 1, 1, 1, 1, 1, 1]);
    const t7 = Float64Array.from([1, 1, 2, 2, 3, 5, 8]);
    const e7 = Uint8Array.from([1, 1, 1, 0, 1, 0, 1]);
    const o7 = timeOrder(Int32Array.from([0, 1, 2, 3, 4, 5, 6]), t7, e7);
    expect(cumulativeIncidence(order, time, event, w2, [4])[0]).toBeCloseTo(
      cumulativeIncidence(o7, t7, e7, dup, [4])[0]!,
      12,
    );
    expect(cumulativeIncidence(order, time, event, new Float64Array(6), [4])).toEqual([null]);
  });
});

describe("sequential trials", () => {
  // user 0: sessions at 0, 100, 200; micro at 150 (session 2), macro at 180
  // user 1: sessions at 0, 100; never the micro; macro at 50 (converted in session 1)
  // user 2: sessions at 0; macro at 10, micro at 20 (after converting: not a doer)
  const j: Journeys = {
    users: 3,
    user: Int32Array.from([0, 0, 0, 1, 1, 2]),
    start: Float64Array.from([0, 100, 200, 0, 100, 0]),
    covariates: [],
    firstTime: new Map(),
    dataStart: 0,
    dataEnd: 1000,
  };
  const micro = Float64Array.from([150, Number.NaN, 20]);
  const macro = Float64Array.from([180, 50, 10]);

  it("makes comparison rows until the micro goal or a conversion, and one doer row from the moment", () => {
    const t = trialRows(j, micro, macro, 500);
    const rows = Array.from({ length: t.count }, (_, r) => ({
      user: t.user[r],
      session: t.session[r],
      doer: t.treated[r],
      time: t.time[r],
      event: t.event[r],
    }));
    expect(rows).toEqual([
      { user: 0, session: 0, doer: 0, time: 180, event: 1 }, // at session 1: not yet, converts later
      { user: 0, session: 1, doer: 1, time: 30, event: 1 }, // does it at 150, converts at 180
      { user: 1, session: 3, doer: 0, time: 50, event: 1 }, // converts in session 1; then out
      { user: 2, session: 5, doer: 0, time: 10, event: 1 }, // converted before doing it
    ]);
  });

  it("censors at the horizon and at the end of the data", () => {
    const t = trialRows(j, micro, macro, 40);
    expect(Array.from(t.time)).toEqual([40, 30, 40, 10]);
    expect(Array.from(t.event)).toEqual([0, 1, 0, 1]);
    const late = trialRows({ ...j, dataEnd: 160 }, micro, macro, 500);
    expect(Array.from(late.time.subarray(0, 2))).toEqual([160, 10]);
    expect(Array.from(late.event.subarray(0, 2))).toEqual([0, 0]);
  });
});

describe("coarsening", () => {
  it("bins counts on a log-like scale and keeps the most common categories", () => {
    const c = binned("page views so far", [0, 1, 2, 3, 5, 6, 10, 11, 500], historyBins.pageViewsSoFar);
    expect(Array.from(c.codes)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(c.levels).toEqual(["0", "1–2", "3–5", "6–10", "11+"]);
    const d = topCategories(
      "device",
      categoryOf(["mobile", "desktop", "mobile", "tv", null, "desktop", "mobile"]),
      2,
    );
    expect(d.levels).toEqual(["mobile", "desktop", "(other)"]);
    expect(Array.from(d.codes)).toEqual([0, 1, 0, 2, 2, 1, 0]);
    // No value and "(not set)" are one level; equal counts go by name.
    const m = topCategories(
      "medium",
      categoryOf([null, "(not set)", "cpc", "cpc", "organic", "organic", "referral"]),
      3,
    );
    expect(m.levels).toEqual(["(not set)", "cpc", "organic", "(other)"]);
    expect(Array.from(m.codes)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
});

describe("propensity model", () => {
  it("recovers the rates of a saturated one-covariate model (up to its weak ridge)", () => {
    const design = propensityDesign([3], [Int32Array.of(0), Int32Array.of(1), Int32Array.of(2)]);
    const beta = fitPropensity(design, Float64Array.of(100, 500, 900), Float64Array.of(1000, 1000, 1000));
    const e = propensity(design, beta);
    expect(e[0]).toBeCloseTo(0.1, 2);
    expect(e[1]).toBeCloseTo(0.5, 2);
    expect(e[2]).toBeCloseTo(0.9, 2);
  });

  it("stays finite when a level predicts the goal perfectly", () => {
    const design = propensityDesign([2], [Int32Array.of(0), Int32Array.of(1)]);
    const e = propensity(design, fitPropensity(design, Float64Array.of(10, 50), Float64Array.of(100, 50)));
    expect(e.every((x) => Number.isFinite(x))).toBe(true);
    expect(e[1]).toBeGreaterThan(0.95);
  });
});

describe("a micro goal nobody did", () => {
  it("has no adjusted comparison: no incidence, no fit, and the users it would have compared", () => {
    const { j, patterns, design, truth } = confoundedJourneys(3, 600);
    const pair = truth.pairs[0] as (typeof truth.pairs)[number];
    const nobody = new Float64Array(j.users).fill(Number.NaN);
    const journeys = { ...j, firstTime: new Map([...j.firstTime, [pair.micro, nobody]]) };
    const effect = estimateAdjustedEffect(journeys, patterns, design, pair.micro, pair.macro, {
      horizonSeconds: truth.windowSeconds,
      minUsers: 20,
      replicates: 10,
    });
    expect(effect.status).toBe("no users did the micro goal");
    expect(effect.n).toBe(0);
    expect(effect.overlap).toBeNull();
    expect(effect.lift).toEqual({ relative: null, low: null, high: null });
    expect(effect.incidence.every((i) => i.doers === null && i.comparison === null)).toBe(true);
    // Everyone eligible at some session start, once each.
    const rows = trialRows(journeys, nobody, j.firstTime.get(pair.macro) as Float64Array, 28 * 86_400);
    expect(effect.comparisonUsers).toBe(new Set(rows.user).size);
    expect(effect.comparisonUsers).toBeGreaterThan(0);
  });
});
