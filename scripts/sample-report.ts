// A sample Analysis (test fixture counts plus three weeks of history and a thresholding caveat)
// for eyeballing the renderers: used by scripts/screenshot-report.ts.
import type { Analysis } from "../src/report/analysis.js";
import { analyze } from "../src/report/analyze.js";
import { testInput, testProject } from "../test/report/fixture.js";

export function sampleAnalysis(): Analysis {
  const input = testInput();
  input.caveats.subjectToThresholding = true;
  input.caveats.thresholdedQueries = ["pair size_guide → purchase"];
  const point = (at: string, cart: number, view: number) => ({
    at,
    pairs: [
      { microId: "add_to_cart", macroId: "purchase", rate: cart, n: 950 },
      { microId: "view_product", macroId: "purchase", rate: view, n: 4800 },
    ],
  });
  return analyze(testProject(), input, {
    target: "staging",
    history: [
      point("2024-05-06", 0.26, 0.061),
      point("2024-05-13", 0.28, 0.066),
      point("2024-05-20", 0.3, 0.07),
    ],
  });
}
