import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import {
  AlertRuleError,
  crossesThreshold,
  parseAlertRule,
  parseAlertRules,
} from "../../src/schedule/alert-rule.js";
import { ALERT_EXIT_CODE, detectAlerts } from "../../src/schedule/alerts.js";
import { previousPeriodEntry } from "../../src/schedule/previous-period.js";
import { entry } from "./fixtures/entry.js";

describe("alert rules", () => {
  it("parses relative and point thresholds", () => {
    expect(parseAlertRule("drop>=20%")).toEqual({
      text: "drop>=20%",
      direction: "drop",
      unit: "relative",
      threshold: 0.2,
    });
    expect(parseAlertRule(" Rise >= 50 % ")).toMatchObject({
      text: "rise>=50%",
      direction: "rise",
      threshold: 0.5,
    });
    expect(parseAlertRule("drop>=5pp")).toMatchObject({ unit: "points", threshold: 0.05 });
    expect(parseAlertRule("change>=2.5pp")).toMatchObject({ direction: "change", threshold: 0.025 });
  });

  it.each(["drop>20%", "fall>=20%", "drop>=20", "drop>=0%", "drop>=120pp", ""])(
    "rejects %j as a user error",
    (t) => {
      expect(() => parseAlertRule(t)).toThrow(AlertRuleError);
      expect(() => parseAlertRule(t)).toThrow(UserError);
    },
  );

  it("deduplicates project and flag rules", () => {
    expect(parseAlertRules(["drop>=20%", "DROP >= 20%", "rise>=5pp"]).map((r) => r.text)).toEqual([
      "drop>=20%",
      "rise>=5pp",
    ]);
  });

  it("checks the threshold in the rule's direction and unit", () => {
    const drop20 = parseAlertRule("drop>=20%");
    expect(crossesThreshold(drop20, 0.1, 0.08)).toBe(true); // exactly −20%
    expect(crossesThreshold(drop20, 0.1, 0.081)).toBe(false);
    expect(crossesThreshold(drop20, 0.1, 0.2)).toBe(false); // a rise is not a drop
    const rise5pp = parseAlertRule("rise>=5pp");
    expect(crossesThreshold(rise5pp, 0.1, 0.15)).toBe(true);
    expect(crossesThreshold(rise5pp, 0.1, 0.14)).toBe(false);
    expect(crossesThreshold(parseAlertRule("rise>=50%"), 0, 0.01)).toBe(true); // from zero
    const change = parseAlertRule("change>=30%");
    expect(crossesThreshold(change, 0.1, 0.06)).toBe(true);
    expect(crossesThreshold(change, 0.1, 0.14)).toBe(true);
    expect(crossesThreshold(change, 0.1, 0.1)).toBe(false);
  });
});

describe("previous period", () => {
  it("picks the newest run of the latest earlier period of the same target", () => {
    const a = entry("2024-01-07");
    const b1 = { ...entry("2024-01-14"), runAt: "2024-01-15T07:00:00.000Z" };
    const b2 = { ...entry("2024-01-14"), runAt: "2024-01-15T09:00:00.000Z" };
    const other = entry("2024-01-14", [], { target: "production" });
    const sameAsCurrent = entry("2024-01-21");
    const current = { ...entry("2024-01-21"), runAt: "2024-01-22T07:00:00.000Z" };
    expect(previousPeriodEntry([a, b2, b1, other, sameAsCurrent], current)).toBe(b2);
    expect(previousPeriodEntry([sameAsCurrent], current)).toBeUndefined();
  });
});

describe("detectAlerts", () => {
  const drop20 = parseAlertRules(["drop>=20%"]);

  it("alerts on a significant drop beyond the threshold, with a readable message", () => {
    const before = entry("2024-01-07", [["view_pricing", "purchase", 2000, 300]]); // 15%
    const after = entry("2024-01-14", [["view_pricing", "purchase", 2000, 200]]); // 10%
    const alerts = detectAlerts(before, after, drop20);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "pair",
      subject: "view_pricing → purchase",
      rules: ["drop>=20%"],
    });
    expect(alerts[0].relativeChange).toBeCloseTo(-1 / 3, 10);
    expect(alerts[0].pointChange).toBeCloseTo(-0.05, 10);
    expect(alerts[0].qValue).toBeLessThan(0.001);
    expect(alerts[0].message).toMatch(
      /^view_pricing → purchase fell from 15\.0% .* to 10\.0% .*−33\.3%, −5\.0 pp.*drop>=20%$/,
    );
    expect(ALERT_EXIT_CODE).toBe(3);
  });

  it("stays quiet when the same relative drop is within noise (small samples)", () => {
    const before = entry("2024-01-07", [["view_pricing", "purchase", 40, 6]]); // 15%
    const after = entry("2024-01-14", [["view_pricing", "purchase", 40, 4]]); // 10%
    expect(detectAlerts(before, after, drop20)).toEqual([]);
  });

  it("stays quiet when a significant change is below the threshold or in the other direction", () => {
    const before = entry("2024-01-07", [["a", "m", 100_000, 15_000]]); // 15%
    const smaller = entry("2024-01-14", [["a", "m", 100_000, 13_500]]); // −10%, very significant
    expect(detectAlerts(before, smaller, drop20)).toEqual([]);
    const rise = entry("2024-01-14", [["a", "m", 100_000, 30_000]]);
    expect(detectAlerts(before, rise, drop20)).toEqual([]);
    expect(detectAlerts(before, rise, parseAlertRules(["rise>=50%"]))).toHaveLength(1);
  });

  it("needs a previous entry and rules", () => {
    const after = entry("2024-01-14", [["a", "m", 2000, 200]]);
    expect(detectAlerts(undefined, after, drop20)).toEqual([]);
    expect(detectAlerts(entry("2024-01-07", [["a", "m", 2000, 400]]), after, [])).toEqual([]);
  });

  it("ignores pairs new in this run or without users", () => {
    const before = entry("2024-01-07", [["a", "m", 0, 0]]);
    const after = entry("2024-01-14", [
      ["a", "m", 2000, 10],
      ["b", "m", 2000, 10],
    ]);
    expect(detectAlerts(before, after, drop20)).toEqual([]);
  });

  it("alerts on a funnel step whose conversion dropped, comparing steps of the same definition", () => {
    const funnel = (users: number[]) => [
      {
        id: "checkout",
        steps: users.map((u, i) => ({ goal: ["add_to_cart", "begin_checkout", "purchase"][i], users: u })),
      },
    ];
    const before = entry("2024-01-07", [], { funnels: funnel([5000, 2500, 1000]) });
    const after = entry("2024-01-14", [], { funnels: funnel([5000, 2500, 600]) });
    const alerts = detectAlerts(before, after, drop20);
    expect(alerts.map((a) => a.subject)).toEqual(["checkout: begin_checkout → purchase"]);
    expect(alerts[0]).toMatchObject({ kind: "funnel_step", before: { n: 2500, conversions: 1000 } });
    const renamed = entry("2024-01-14", [], {
      funnels: [
        {
          id: "checkout",
          steps: [
            { goal: "add_to_cart", users: 5000 },
            { goal: "other", users: 100 },
          ],
        },
      ],
    });
    expect(detectAlerts(before, renamed, drop20)).toEqual([]);
  });

  it("adjusts for many comparisons: one borderline change among many stable pairs is not an alert", () => {
    // 1090/10000 vs 1000/10000: p ≈ 0.035 alone, but not after adjusting over 20 pairs.
    const stable: [string, string, number, number][] = Array.from({ length: 19 }, (_, i) => [
      `s${i}`,
      "m",
      10_000,
      1000,
    ]);
    const before = entry("2024-01-07", [["x", "m", 10_000, 1090], ...stable]);
    const after = entry("2024-01-14", [["x", "m", 10_000, 1000], ...stable]);
    expect(detectAlerts(before, after, parseAlertRules(["drop>=5%"]))).toEqual([]);
    const alone = detectAlerts(
      entry("2024-01-07", [["x", "m", 10_000, 1090]]),
      entry("2024-01-14", [["x", "m", 10_000, 1000]]),
      parseAlertRules(["drop>=5%"]),
    );
    expect(alone).toHaveLength(1);
  });
});
