// `npm start` is the first thing a newcomer runs: it must deploy, converge, publish and report, and
// the report must find the effects the traffic was generated with.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleProjectDir } from "../../src/demo/example-dir.js";
import { runDemo } from "../../src/demo/run-demo.js";

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
    expect(out).toMatch(/Re-plan after apply: 0 changes/);
    // The strongest built-in effect ranks first; a goal with no effect is not significant.
    const ranking = out.split("\n").filter((l) => /^\s*\d+\s+\w+ → \w+/.test(l));
    expect(ranking[0]).toMatch(/begin_checkout → purchase .*significant/);
    expect(ranking.find((l) => l.includes("newsletter_signup → purchase"))).toMatch(/not significant/);
    expect(readFileSync(html, "utf8")).toMatch(/<svg[\s\S]*begin_checkout/);
  });
});
