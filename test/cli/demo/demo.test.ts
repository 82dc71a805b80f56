// `npm start` is the first thing a newcomer runs: it must deploy, converge, publish and report, and
// the report must find the effects the traffic was generated with.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleProjectDir } from "../../../src/cli/demo/example-dir.js";
import { replanLine, runDemo } from "../../../src/cli/demo/run-demo.js";
import { truthVsMeasured } from "../../../src/cli/demo/truth-vs-measured.js";
import type { Plan } from "../../../src/plan/model.js";

describe("the demo (npm start)", () => {
  it("deploys, converges, publishes, reports and writes the HTML report", async () => {
    const lines: string[] = [];
    const html = join(mkdtempSync(join(tmpdir(), "mg-demo-")), "report.html");
    const { exitCode } = await runDemo({
      dir: exampleProjectDir(),
      users: 6000,
      days: 14,
      seed: 7,
      timeScale: 1000,
      html,
      color: false,
      log: (l) => lines.push(l),
    });
    const out = lines.join("\n");
    expect(exitCode).toBe(0);
    expect(out).toMatch(/\+ create tag "microgoals · macro · purchase"/);
    expect(out).toMatch(/0 rate-limit answers/);
    expect(out).toMatch(/Published container version \d+/);
    expect(out).toMatch(/Re-plan after apply: 0 changes \(converged\)\./);
    // The generator's ground truth next to the measured lift, for every strong built-in effect.
    const truthLines = out
      .split("\n")
      .filter((l) => /^ {2}\w+ → \w+ \(×[\d.]+\): true [+-]\d+%, measured /.test(l));
    expect(truthLines.map((l) => l.trim().split(" (")[0]).sort()).toEqual([
      "add_to_cart → purchase",
      "begin_checkout → purchase",
      "download_catalog → demo_request",
      "view_pricing → demo_request",
      "watch_demo_video → demo_request",
    ]);
    expect(truthLines.find((l) => l.includes("begin_checkout"))).not.toMatch(/outside/);
    // The strongest built-in effect of a secondary action ranks first; milestones (begin_checkout,
    // nobody buys without it) are steps, not ranked; a goal with no effect is not significant.
    const ranking = out.split("\n").filter((l) => /^\s*\d+\s+\w+ → \w+/.test(l));
    expect(ranking[0]).toMatch(/download_catalog → demo_request .*significant/);
    expect(ranking.some((l) => l.includes("begin_checkout"))).toBe(false);
    // The Data API path adjusts by stratification (Mantel–Haenszel), so the headline is adjusted.
    expect(out).toMatch(/Strongest adjusted effects of secondary actions: Downloaded[^\n]*→/);
    expect(out).toMatch(/method: Mantel–Haenszel risk ratio over deviceCategory × newVsReturning/);
    expect(out).toMatch(/Steps on the path \(milestones\)[\s\S]*begin_checkout → purchase: /);
    expect(ranking.find((l) => l.includes("newsletter_signup → purchase"))).toMatch(/not significant/);
    expect(readFileSync(html, "utf8")).toMatch(/<svg[\s\S]*begin_checkout/);
  }, 120_000); // deploy, report, then the confounded step (generate, export files, adjust): slow on a loaded machine

  it("says converged only when the re-plan has no changes", () => {
    const plan = (over: Partial<Plan["gtm"]>, ga4Actions: string[] = []) =>
      ({
        gtm: {
          enableBuiltIns: [],
          folder: { action: "noop", notes: "" },
          moveToFolder: [],
          changes: [],
          ...over,
        },
        ga4: { propertyId: "1", changes: ga4Actions.map((action) => ({ action })) },
      }) as unknown as Plan;
    expect(replanLine(plan({}))).toBe("Re-plan after apply: 0 changes (converged).");
    expect(replanLine(plan({ changes: [{ action: "noop" }] as Plan["gtm"]["changes"] }))).toBe(
      "Re-plan after apply: 0 changes (converged).",
    );
    expect(replanLine(plan({ changes: [{ action: "update" }] as Plan["gtm"]["changes"] }, ["create"]))).toBe(
      "Re-plan after apply: 2 changes (NOT converged: apply left differences).",
    );
    expect(replanLine(plan({ moveToFolder: ["tag:x"] }))).toMatch(
      /^Re-plan after apply: 1 change \(NOT converged/,
    );
  });

  it("compares the generator's true lift with the measured one for strong effects only", () => {
    const truth = {
      pairs: [
        { micro: "a", macro: "m", effect: 3, pMacroGivenMicro: 0.3, pMacroGivenNotMicro: 0.1 },
        { micro: "b", macro: "m", effect: 1, pMacroGivenMicro: 0.1, pMacroGivenNotMicro: 0.1 },
        { micro: "c", macro: "m", effect: 2, pMacroGivenMicro: 0.2, pMacroGivenNotMicro: 0.1 },
        { micro: "d", macro: "m", effect: 4, pMacroGivenMicro: 0.4, pMacroGivenNotMicro: 0.1 },
      ],
    };
    const lift = (relative: number, low: number, high: number) => ({
      relative,
      low,
      high,
      corrected: false,
      zeroCell: null,
    });
    const analysis = {
      pairs: [
        { microId: "a", macroId: "m", lift: lift(1.9, 1.5, 2.4) },
        { microId: "c", macroId: "m", lift: lift(2.5, 1.8, 3.0) },
      ],
    } as unknown as Parameters<typeof truthVsMeasured>[1];
    expect(truthVsMeasured(truth, analysis)).toEqual([
      "a → m (×3): true +200%, measured +190% [+150%, +240%]",
      "c → m (×2): true +100%, measured +250% [+180%, +300%] (truth outside the interval)",
      "d → m (×4): true +300%, measured: no data",
    ]);
  });
});
