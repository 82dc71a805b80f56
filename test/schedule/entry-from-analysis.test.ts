import { describe, expect, it } from "vitest";
import { analyze } from "../../src/report/analyze.js";
import { caveatLines } from "../../src/report/render/caveat-lines.js";
import { historyEntryFromAnalysis } from "../../src/schedule/entry-from-analysis.js";
import { testInput, testProject } from "../report/fixture.js";

describe("historyEntryFromAnalysis caveats", () => {
  it("records the report's warnings word for word, export notes and unchecked conditions included", () => {
    const input = testInput();
    input.caveats.subjectToThresholding = true;
    input.caveats.thresholdedQueries = ["goal totals"];
    const a = analyze(testProject(), input, { generatedAt: "2024-03-10T08:00:00Z" });
    a.caveats.uncheckedConditions = [
      {
        goalId: "size_guide",
        event: "size_guide",
        conditions: ["click_text equals Size"],
        eventNameOnly: true,
      },
    ];
    a.export = {
      totalEvents: 10,
      days: [{ date: "2024-03-09", events: 10, users: 3 }],
      timeToConvert: [],
      reversePaths: [],
      notes: ["2 days in the range have no export table"],
      bytesProcessed: null,
    };
    const entry = historyEntryFromAnalysis(a, new Date("2024-03-10T09:00:00Z"));
    const warnings = caveatLines(a)
      .filter((l) => l.level === "warning")
      .map((l) => l.text);
    expect(entry.caveats).toEqual(warnings);
    expect(entry.caveats).toContain("2 days in the range have no export table.");
    expect(entry.caveats.some((c) => c.startsWith("Goal size_guide is counted on its event name"))).toBe(
      true,
    );
    expect(entry.caveats.some((c) => c.startsWith("No data for goal broken_widget"))).toBe(true);
    expect(entry.caveats.some((c) => c.startsWith("GA4 applied data thresholding"))).toBe(true);
    expect(entry.period).toEqual({ since: "2024-02-11", until: "2024-03-09" });
  });
});
