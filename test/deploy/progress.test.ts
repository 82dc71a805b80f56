import { describe, expect, it } from "vitest";
import { PLAIN_ETA_EVERY, progressReporter } from "../../src/cli/progress.js";

describe("plain progress lines (no TTY)", () => {
  it("carry the quota ETA on the first line and every 10 calls", async () => {
    expect(process.stdout.isTTY).toBeFalsy();
    const lines: string[] = [];
    const p = await progressReporter((l) => lines.push(l));
    for (let done = 1; done <= 25; done++) p.update(`create tag t${done}`, done, 25, (25 - done) * 4000);
    p.stop();
    expect(lines[0]).toBe("[1/25] create tag t1 (ETA 1m36s)");
    expect(lines[1]).toBe("[2/25] create tag t2");
    expect(lines[PLAIN_ETA_EVERY - 1]).toBe("[10/25] create tag t10 (ETA 1m00s)");
    expect(lines[19]).toBe("[20/25] create tag t20 (ETA 20s)");
    expect(lines.filter((l) => l.includes("ETA"))).toHaveLength(3);
    expect(lines[24]).toBe("[25/25] create tag t25");
  });
});
