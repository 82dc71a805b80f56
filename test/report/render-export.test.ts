// The export-only extras (time to convert, goal paths, notes, bytes) in every format, and their
// absence from Data API reports (the JSON shape only grows when the source is the export).
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/report/analyze.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import type { ExportReportInput } from "../../src/report/sources/export/read-result.js";
import { testInput, testProject } from "./fixture.js";

function exportInput(bytesProcessed: number | null): ExportReportInput {
  return {
    ...testInput(),
    source: bytesProcessed === null ? "export-files" : "bigquery-export",
    totalEvents: 123_456,
    days: [
      { date: "20240501", events: 60_000, users: 900 },
      { date: "20240503", events: 63_456, users: 950 },
    ],
    timeToConvert: [
      {
        microId: "add_to_cart",
        macroId: "purchase",
        converters: 300,
        medianSeconds: 754,
        p90Seconds: 90_000,
      },
      { microId: "size_guide", macroId: "purchase", converters: 0, medianSeconds: null, p90Seconds: null },
    ],
    reversePaths: [
      {
        macroId: "purchase",
        conversions: 400,
        top: [
          { steps: ["view_product", "add_to_cart"], conversions: 250, users: 240 },
          { steps: [], conversions: 30, users: 29 },
        ],
      },
    ],
    notes: ["no events on 20240502: counts cover the other days only"],
    bytesProcessed,
  };
}

describe("export extras in every format", () => {
  const files = analyze(testProject(), exportInput(null), { target: "staging" });
  const bq = analyze(testProject(), exportInput(1_234_000_000), { target: "staging" });

  it.each(FORMATS)("%s shows time to convert, goal paths, the missing day and the cost", (format) => {
    const out = render(files, format);
    expect(out).toContain("20240502");
    if (format === "csv") {
      expect(out).toMatch(/\r\ntime_to_convert,add_to_cart,purchase,300,.*,754,90000,+\r\n/); // then lift_zero_cell… empty
      expect(out).toContain("path,view_product > add_to_cart,purchase,240,250,,400,0.625,");
      expect(out).toContain("day,20240501,,900,60000");
    } else if (format === "json") {
      const j = JSON.parse(out);
      expect(j.export.timeToConvert[0]).toEqual(files.export?.timeToConvert[0]);
      expect(j.export.reversePaths[0].top[0].steps).toEqual(["view_product", "add_to_cart"]);
      expect(j.export.bytesProcessed).toBeNull();
      expect(j.notes.map((n: { text: string }) => n.text).join("\n")).toContain("no events on 20240502");
    } else {
      expect(out).toContain("Time from micro to macro");
      expect(out).toContain("12.6 min"); // median 754 s
      expect(out).toContain("1.0 d"); // p90 90,000 s
      expect(out).toContain(
        format === "html" ? "view_product &gt; add_to_cart" : "view_product > add_to_cart",
      );
      expect(out).toContain("62.5%"); // 250 of 400 conversions
      expect(out).toContain("(no micro goal before it)");
      expect(out).toContain("123,456 export events on 2 days");
      expect(out).not.toContain("Data API requests");
    }
  });

  it.each(FORMATS)("%s shows the bytes BigQuery processed", (format) => {
    const out = render(bq, format);
    if (format === "json") expect(JSON.parse(out).export.bytesProcessed).toBe(1_234_000_000);
    else if (format === "csv") expect(out).toContain("cost,bytes_processed,,,,,1234000000");
    else expect(out).toContain("BigQuery processed 1.2 GB");
  });

  it("leaves Data API reports as they were: no export key, no export sections", () => {
    const a = analyze(testProject(), testInput(), { target: "staging" });
    expect("export" in a).toBe(false);
    expect(JSON.parse(render(a, "json")).export).toBeUndefined();
    expect(render(a, "table")).not.toContain("Time from micro to macro");
    expect(render(a, "csv").split("\r\n")[0]).toMatch(
      /,note,median_seconds,p90_seconds,lift_zero_cell,role,step_note,adjusted_lift,adjusted_low,adjusted_high,adjusted_n,adjusted_e_value,adjusted_e_value_bound,adjusted_status,adjusted_method$/,
    );
  });
});
