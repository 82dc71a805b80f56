// Segment analysis on hand-made counts: folding, GA4's own (not set)/(other) rows, and one
// Benjamini–Hochberg family over every segment × pair.
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/report/analyze.js";
import { analyzeBreakdown } from "../../../src/report/breakdown/analyze-breakdown.js";
import type { SegmentCount } from "../../../src/report/breakdown/model.js";
import { emptyCaveats } from "../../../src/report/model.js";
import { benjaminiHochberg } from "../../../src/report/stats/benjamini-hochberg.js";
import { goal, merchProject } from "../../export/merch-project.js";

const project = { ...merchProject([goal("purchase", "macro"), goal("add_to_cart", "micro")]), funnels: [] };
project.report = { ...project.report, minUsers: 100 };

function segment(value: string, users: number, micro: number, after: number, without: number): SegmentCount {
  return {
    values: [value],
    totalUsers: users,
    goals: [
      { goalId: "add_to_cart", users: micro },
      { goalId: "purchase", users: after + without },
    ],
    pairs: [
      {
        microId: "add_to_cart",
        macroId: "purchase",
        windowSeconds: 604800,
        microUsers: micro,
        convertedAfterMicro: after,
        nonMicroUsers: users - micro,
        convertedWithoutMicro: without,
      },
    ],
  };
}

const segments = [
  segment("Paid Search", 1000, 200, 60, 16),
  segment("Organic Search", 2000, 300, 15, 80),
  segment("Email", 40, 10, 3, 1),
  segment("Affiliates", 30, 5, 1, 1),
  segment("(not set)", 20, 2, 0, 1),
  segment("(other)", 25, 4, 1, 0),
];
const total = segments.reduce((n, s) => n + s.totalUsers, 0);
const whole = analyze(project, {
  source: "test",
  dateRange: { since: "2024-05-01", until: "2024-05-31" },
  totalUsers: total,
  goals: [
    { goalId: "add_to_cart", event: "add_to_cart", users: 521, events: 600 },
    { goalId: "purchase", event: "purchase", users: 179, events: 200 },
  ],
  pairs: [],
  funnels: [],
  caveats: emptyCaveats(),
  cost: { requests: 1, tokens: 0 },
});

describe("analyzeBreakdown", () => {
  const b = analyzeBreakdown(project, whole, {
    dimensions: ["channel"],
    scope: "first_visit",
    segments,
    definition: "test",
  });

  it("folds small segments into (other) and keeps GA4's (not set) and (other) rows", () => {
    expect(b.segments.map((s) => [s.value, s.kind, s.totalUsers])).toEqual([
      ["Organic Search", "value", 2000],
      ["Paid Search", "value", 1000],
      ["(other)", "otherRow", 25],
      ["(not set)", "notSet", 20],
      ["(other)", "folded", 70],
    ]);
    const folded = b.segments.at(-1)!;
    expect(folded.foldedValues).toEqual(["Email", "Affiliates"]);
    expect(folded.pairs[0]).toMatchObject({ afterMicro: { x: 4, n: 15 }, baseline: { x: 2, n: 55 } });
    expect(folded.macro!.rate).toMatchObject({ x: 6, n: 70 });
  });

  it("adjusts q-values once over every segment × pair test", () => {
    const all = b.segments.flatMap((s) => s.pairs);
    expect(b.tests).toBe(all.filter((p) => p.pValue !== null).length);
    expect(all.map((p) => p.qValue)).toEqual(benjaminiHochberg(all.map((p) => p.pValue)));
    const paid = b.segments.find((s) => s.value === "Paid Search")!.pairs[0]!;
    expect(paid.significant).toBe(true);
    expect(paid.moreUsersNeeded).toBe(0);
  });

  it("keeps a single small segment under its own name", () => {
    const one = analyzeBreakdown(project, whole, {
      dimensions: ["channel"],
      scope: "first_visit",
      segments: segments.slice(0, 3),
      definition: "test",
    });
    expect(one.segments.map((s) => s.value)).toEqual(["Organic Search", "Paid Search", "Email"]);
  });
});
