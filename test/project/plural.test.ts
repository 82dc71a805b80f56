import { describe, expect, it } from "vitest";
import { plural } from "../../src/project/format/plural.js";

describe("plural", () => {
  it("groups digits exactly as toLocaleString('en-US') does", () => {
    for (const n of [
      0,
      1,
      2,
      12,
      999,
      1000,
      1234,
      99999,
      100000,
      1234567,
      -1,
      -1234,
      2 ** 53 + 2,
      1.5,
      1234.5678,
    ])
      expect(plural(n, "goal")).toBe(`${n.toLocaleString("en-US")} ${n === 1 ? "goal" : "goals"}`);
  });

  it("picks the word by count", () => {
    expect(plural(1, "match", "matches")).toBe("1 match");
    expect(plural(2, "match", "matches")).toBe("2 matches");
  });
});
