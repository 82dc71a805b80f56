// Range-edge caveats: a line per pair for one or two pairs; one line naming them all beyond that, so a
// short range (where nearly every pair sits at its edge) does not bury the other caveats.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/report/analyze.js";
import { caveatLines } from "../../src/report/render/caveat-lines.js";
import { testInput, testProject } from "./fixture.js";

const edge = (microId: string, atMost: number) => ({
  microId,
  macroId: "signup",
  windowSeconds: 7 * 86400,
  since: "2024-05-01",
  atMost,
  convertedWithoutMicro: 8,
});

function rangeEdgeLines(edges: ReturnType<typeof edge>[]): string[] {
  const input = testInput();
  const a = analyze(testProject(), { ...input, caveats: { ...input.caveats, rangeEdge: edges } });
  return caveatLines(a)
    .map((l) => l.text)
    .filter((t) => t.startsWith("Range edge"));
}

describe("range-edge caveats", () => {
  it("one line per pair for two pairs", () => {
    const lines = rangeEdgeLines([edge("pricing", 5), edge("demo", 3)]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("up to 5 of the 8 users counted as converting to signup without pricing");
  });

  it("one line naming every pair for more", () => {
    const lines = rangeEdgeLines([edge("pricing", 5), edge("demo", 3), edge("video", 1)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Range edge, 3 pairs: .*before 2024-05-01/);
    expect(lines[0]).toContain("pricing → signup (5 of 8), demo → signup (3 of 8), video → signup (1 of 8)");
    expect(lines[0]).toContain("Start the range 7d earlier");
  });
});
