import { describe, expect, it } from "vitest";
import { resolveRanges } from "../../src/emulator/data/date-range.js";
import { dayOf, resolveDate } from "../../src/report/period.js";

const now = new Date("2024-03-10T23:30:00Z");

describe("date expressions (one parser for schedule, export and emulator)", () => {
  it("resolves GA4 expressions to UTC calendar dates", () => {
    expect(resolveDate("today", now)).toBe("2024-03-10");
    expect(resolveDate("yesterday", now)).toBe("2024-03-09");
    expect(resolveDate("10daysAgo", now)).toBe("2024-02-29");
    expect(resolveDate("2024-02-29", now)).toBe("2024-02-29");
  });

  it("rejects dates that do not exist instead of passing them through", () => {
    for (const bad of ["2024-02-31", "2023-02-29", "2024-13-01", "2024-00-10", "2024-3-1", "tomorrow", ""]) {
      expect(() => resolveDate(bad, now), bad).toThrow(/unknown date expression/);
      expect(dayOf(bad, now), bad).toBeUndefined();
    }
  });

  it("the emulator's Data API accepts and rejects exactly the same expressions", () => {
    const exprs = [
      "today",
      "yesterday",
      "0daysAgo",
      "400daysAgo",
      "2024-02-29",
      "2024-02-31",
      "2023-02-29",
      "x",
    ];
    for (const e of exprs) {
      const ours = dayOf(e, now);
      const range = () => resolveRanges([{ startDate: e, endDate: e }], now, true)[0];
      if (ours === undefined) expect(range, e).toThrow(/Invalid dateRanges\[0\]\.startDate/);
      else expect(range().startDay, e).toBe(ours);
    }
  });
});
