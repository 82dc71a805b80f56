// The estimator's fast layout gives the same numbers as the plain one: a stable time order,
// Kaplan–Meier over counted rows in time order equals it over an index, and estimating every pair
// at once (one bootstrap draw per replicate for all of them) equals estimating each pair alone.
import { describe, expect, it } from "vitest";
import { estimateAdjustedEffect, estimateAdjustedEffects } from "../../src/report/effects/adjusted-effect.js";
import { cumulativeIncidence, incidenceOfCountedRows } from "../../src/report/effects/kaplan-meier.js";
import { timeOrder } from "../../src/report/effects/time-order.js";
import {
  CENSORED_TIE,
  EVENT_TIME,
  LONE_CENSORED,
  SINGLE_ROWS,
  timeRuns,
} from "../../src/report/effects/time-runs.js";
import { comparisonArm, trialArm } from "../../src/report/effects/trial-arms.js";
import { comparisonOrder, trialRows } from "../../src/report/effects/trials.js";
import { confoundedJourneys } from "./confounded-journeys.js";

describe("time order", () => {
  it("sorts by time, events first at ties, rows otherwise in their given order", () => {
    const n = 3000;
    let s = 99;
    const next = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    const time = Float64Array.from({ length: n }, () => Math.floor(next() * 40) / 4);
    const event = Uint8Array.from({ length: n }, () => (next() < 0.4 ? 1 : 0));
    const rows = Int32Array.from({ length: n }, (_, i) => i).filter(() => next() < 0.8);
    const expected = [...rows].sort(
      (a, b) =>
        (time[a] as number) - (time[b] as number) || (event[b] as number) - (event[a] as number) || a - b,
    );
    expect(Array.from(timeOrder(rows, time, event))).toEqual(expected);
    expect(Array.from(timeOrder(new Int32Array(0), time, event))).toEqual([]);
  });

  it("orders any finite times as numbers: negatives, both zeros, fractions, far apart", () => {
    let s = 5;
    const next = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    const pool = [-0, 0, -1e9, -2.5, -1e-7, 1e-7, 0.5, 1, 86_400.000001, 604_800, 2.4e6, 1.6e15, 3];
    const n = 5000;
    const time = Float64Array.from({ length: n }, (_, i) =>
      i % 3 === 0 ? (pool[Math.floor(next() * pool.length)] as number) : (next() - 0.3) * 10 ** (next() * 12),
    );
    const event = Uint8Array.from({ length: n }, () => (next() < 0.5 ? 1 : 0));
    const rows = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const expected = [...rows].sort(
      (a, b) =>
        (time[a] as number) - (time[b] as number) ||
        (event[b] as number) - (event[a] as number) ||
        rows.indexOf(a) - rows.indexOf(b),
    );
    expect(Array.from(timeOrder(rows, time, event))).toEqual(expected);
  });
});

describe("Kaplan–Meier over counted rows in time order", () => {
  // Times from a few values (every time tied, with and without events) or from many (lone censored
  // rows between sparse events): the pass's three kinds of segment (time-runs.ts).
  it.each([
    ["few tied times", 500, 50, 0.3],
    ["many lone times, sparse events", 4000, 1e6, 0.02],
    ["lone and tied times mixed", 4000, 3000, 0.1],
    ["lone times, events frequent", 4000, 1e6, 0.6],
    ["lone times, events in every few rows", 4000, 1e6, 0.15],
  ])(
    "equals the estimate over a time-order index with the same weights, bit for bit: %s",
    (_name, n, span, eventShare) => {
      let s = 7;
      const next = () => {
        s = (s * 1103515245 + 12345) % 2147483648;
        return s / 2147483648;
      };
      const time = Float64Array.from({ length: n }, () => Math.floor(next() * span));
      const event = Uint8Array.from({ length: n }, () => (next() < eventShare ? 1 : 0));
      const pattern = Int32Array.from({ length: n }, () => Math.floor(next() * 7));
      const rowCounts = Uint8Array.from({ length: n }, () => Math.floor(next() * 3));
      const factor = Float64Array.from({ length: 7 }, (_, p) => (p === 3 ? 0 : next() * 4));
      const weight = Float64Array.from({ length: n }, (_, i) =>
        rowCounts[i] === 0 ? 0 : (rowCounts[i] as number) * (factor[pattern[i] as number] as number),
      );
      const order = timeOrder(
        Int32Array.from({ length: n }, (_, i) => i),
        time,
        event,
      );
      const sortedTime = Float64Array.from(order, (r) => time[r] as number);
      const sortedEvent = Uint8Array.from(order, (r) => event[r] as number);
      const rows = {
        count: n,
        time: sortedTime,
        event: sortedEvent,
        pattern: Int32Array.from(order, (r) => pattern[r] as number),
        runs: timeRuns(sortedTime, sortedEvent, n),
      };
      const kinds = new Set(rows.runs.kind);
      expect(kinds.size).toBeGreaterThanOrEqual(2);
      const at = [3, 10.5, span / 2, span - 1, span + 10];
      const counts = Uint8Array.from(order, (r) => rowCounts[r] as number);
      const all = cumulativeIncidence(order, time, event, weight, at);
      expect(incidenceOfCountedRows(rows, counts, factor, at)).toEqual(all);
      // One time alone (a bootstrap replicate reads the horizon only): the pass ends at the first
      // event past it, and what it read equals the full pass's.
      at.forEach((t, k) => {
        expect(incidenceOfCountedRows(rows, counts, factor, [t])).toEqual([all[k]]);
      });
    },
  );

  it("cuts times into tied event times, censored ties, and stretches of rows alone at their time", () => {
    // A row alone at its time joins the stretch whether it is an event (time 6) or not.
    const time = Float64Array.from([1, 2, 3, 3, 4, 5, 5, 6, 7]);
    const event = Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 1, 0]);
    const runs = timeRuns(time, event, time.length);
    expect(Array.from(runs.end)).toEqual([2, 4, 5, 7, 9]);
    expect(Array.from(runs.kind)).toEqual([
      LONE_CENSORED,
      CENSORED_TIE,
      LONE_CENSORED,
      EVENT_TIME,
      SINGLE_ROWS,
    ]);
    expect(runs.time[3]).toBe(5);
    // A stretch's time is its last row's: an evaluation time before it falls inside.
    expect(runs.time[4]).toBe(7);
  });

  it("takes up to 8 lone censored rows into a stretch of single rows, and leaves more apart", () => {
    // 3 censored, an event, 8 censored, an event, 9 censored, an event (every time its own).
    const event = Uint8Array.from([0, 0, 0, 1, ...Array(8).fill(0), 1, ...Array(9).fill(0), 1]);
    const time = Float64Array.from(event, (_, i) => i);
    const runs = timeRuns(time, event, time.length);
    expect(Array.from(runs.kind)).toEqual([SINGLE_ROWS, LONE_CENSORED, SINGLE_ROWS]);
    expect(Array.from(runs.end)).toEqual([13, 22, 23]);
    expect(Array.from(runs.time)).toEqual([12, 21, 22]);
  });
});

describe("the comparison arm from one order of all sessions", () => {
  it("equals the arm sorted on its own, for every pair", () => {
    const { j, patterns, truth } = confoundedJourneys(4, 800);
    let compared = 0;
    for (const follow of [truth.windowSeconds, 3 * 86400, 28 * 86400])
      for (const t of truth.pairs) {
        const macro = j.firstTime.get(t.macro) as Float64Array;
        const rows = trialRows(j, j.firstTime.get(t.micro) as Float64Array, macro, follow);
        const rowPattern = Int32Array.from(rows.session, (k) => patterns.of[k] as number);
        const sorted = trialArm(rows, rowPattern, 0);
        const picked = comparisonArm(rows, rowPattern, comparisonOrder(j, macro, follow));
        expect(picked.count).toBe(sorted.count);
        for (const k of ["user", "pattern", "time", "event"] as const)
          expect(Array.from(picked[k]), k).toEqual(Array.from(sorted[k]));
        compared += sorted.count;
      }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("estimating every pair at once", () => {
  it("gives each pair exactly what estimating it alone gives", () => {
    const { j, patterns, design, truth } = confoundedJourneys(3, 600);
    const options = { minUsers: 20, replicates: 30, seed: 11 };
    const pairs = truth.pairs.map((t) => ({
      microId: t.micro,
      macroId: t.macro,
      horizonSeconds: truth.windowSeconds,
    }));
    const together = estimateAdjustedEffects(j, patterns, design, pairs, options);
    const alone = pairs.map((p) =>
      estimateAdjustedEffect(j, patterns, design, p.microId, p.macroId, {
        ...options,
        horizonSeconds: p.horizonSeconds,
      }),
    );
    expect(together.filter((e) => e.status === "ok").length).toBeGreaterThan(1);
    expect(together).toEqual(alone);
  });
});
