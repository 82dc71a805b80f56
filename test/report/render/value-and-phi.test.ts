// Item: value per micro conversion is not printed as a figure for pairs whose difference is not
// significant (there it could be zero, and "−3.23 EUR" reads as a measured loss); φ is explained
// wherever it is shown.
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/report/analyze.js";
import { render } from "../../../src/report/render/format.js";
import { testInput, testProject } from "../fixture.js";

describe("value per micro and φ", () => {
  const a = analyze(testProject(), testInput());
  const notSig = a.pairs.find((p) => p.microId === "size_guide")!;
  const sig = a.pairs.find((p) => p.microId === "add_to_cart")!;

  it("has the figures it hides: a value for a pair that is not significant", () => {
    expect(notSig.significant).toBe(false);
    expect(notSig.valuePerMicro).toBeCloseTo(4.81, 2);
    expect(sig.significant).toBe(true);
  });

  it.each(["table", "md", "html"] as const)(
    "%s prints n.s. instead of a value that could be zero",
    (format) => {
      const out = render(a, format);
      expect(out).not.toContain("4.81 EUR");
      expect(out).toContain("23.11 EUR");
      expect(out).toMatch(/shown only where the difference is significant \(n\.s\.: it could be zero\)/);
    },
  );

  it("keeps the figure in JSON and CSV, beside `significant`", () => {
    const json = JSON.parse(render(a, "json"));
    const p = json.pairs.find((x: { microId: string }) => x.microId === "size_guide");
    expect(p.significant).toBe(false);
    expect(p.valuePerMicro).toBeCloseTo(4.81, 2);
    expect(render(a, "csv")).toMatch(/pair,size_guide,.*4\.81/);
  });

  it.each(["md", "html"] as const)("%s explains φ where it shows it", (format) => {
    const out = render(a, format);
    expect(out).toContain("φ");
    expect(out).toMatch(
      /φ \(phi\) = the correlation between doing the micro goal and converting, from −1 to \+1/,
    );
  });
});
