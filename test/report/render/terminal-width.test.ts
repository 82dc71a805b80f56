// Item: the terminal table fits the terminal (it printed 286-character lines in an 80-column
// terminal): cells wrap, columns that cannot fit are dropped and named in a note that says how to
// see them; without a width (a file, a pipe) every column stays on one line.
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/report/analyze.js";
import { fitGrid } from "../../../src/report/render/fit-grid.js";
import { render } from "../../../src/report/render/format.js";
import { visibleWidth } from "../../../src/report/render/text-grid.js";
import { testInput, testProject } from "../fixture.js";

const widest = (s: string) => Math.max(...s.split("\n").map(visibleWidth));

describe("terminal width", () => {
  const a = analyze(testProject(), testInput());

  it("is wider than 80 columns without a width (files and pipes keep every column)", () => {
    const out = render(a, "table");
    expect(widest(out)).toBeGreaterThan(150);
    expect(out).toContain("value/micro");
    expect(out).not.toContain("Not shown at");
  });

  it.each([80, 100, 60])("fits %i columns, in colour too", (width) => {
    for (const color of [false, true]) {
      const out = render(a, "table", { width, color });
      expect(widest(out)).toBeLessThanOrEqual(width);
      // every figure is still there, wrapped: the interval of add_to_cart's rate, its verdict words
      if (width >= 80) expect(out).toContain("[27.2%–32.9%]");
      expect(out).toMatch(/significant/);
      if (color) expect(out.match(/\x1b\[[0-9;]*m/g)!.length).toBe(out.match(/\x1b\[0m/g)!.length * 2);
    }
  });

  it("names the columns it dropped and how to see them", () => {
    const out = render(a, "table", { width: 80 });
    expect(out).not.toContain("value/micro  ");
    expect(out.replace(/\n\s*/g, " ")).toMatch(
      /Not shown at 80 columns: value\/micro, q\. A wider terminal shows them, and so do --format md/,
    );
    expect(render(a, "table", { width: 400 })).not.toContain("Not shown at");
  });

  it("wraps cells at spaces and breaks only words longer than a column", () => {
    const fit = fitGrid(
      [
        ["id", "note"],
        ["a", "one two three four five six"],
      ],
      { width: 14 },
    );
    expect(fit.lines).toEqual(["id  note", "a   one two", "    three four", "    five six"]);
    const long = fitGrid([["x", "supercalifragilistic"]], { width: 10 });
    for (const l of long.lines) expect(visibleWidth(l)).toBeLessThanOrEqual(10);
  });
});
