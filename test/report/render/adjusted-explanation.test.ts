// The legend above the adjusted column names the adjustment the report used: the export's
// sequential trials, or the Data API's strata. Both list what they cannot adjust for.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../../src/report/analysis.js";
import { METHOD } from "../../../src/report/effects/adjusted-effect.js";
import { adjustedExplanationOf } from "../../../src/report/render/effect-sections.js";
import { MH_METHOD, NOT_ADJUSTED_FOR } from "../../../src/report/sources/data-api/strata-effects.js";

const analysis = (method: string, notAdjustedFor: string[]) =>
  ({ pairs: [{ adjusted: undefined }, { adjusted: { method, notAdjustedFor } }] }) as unknown as Analysis;

describe("adjustedExplanationOf", () => {
  it("the export's adjustment: same point of the journey, bootstrap interval", () => {
    const text = adjustedExplanationOf(
      analysis(METHOD, ["anything not in the export's pre-exposure history"]),
    );
    expect(text).toMatch(/same point of their journey/);
    expect(text).not.toMatch(/Mantel–Haenszel/);
  });

  it("the Data API's: strata, Mantel–Haenszel", () => {
    expect(adjustedExplanationOf(analysis(MH_METHOD, NOT_ADJUSTED_FOR))).toMatch(
      /same stratum.*Mantel–Haenszel/,
    );
  });
});
