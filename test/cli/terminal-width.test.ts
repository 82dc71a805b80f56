import { describe, expect, it } from "vitest";
import { terminalWidth } from "../../src/cli/terminal-width.js";

describe("the width a report's table fits", () => {
  it("is a terminal's columns, and none for a pipe, a file or a terminal that reports no size", () => {
    expect(terminalWidth({ isTTY: true, columns: 120 })).toBe(120);
    expect(terminalWidth({ isTTY: true, columns: 0 })).toBeUndefined();
    expect(terminalWidth({ isTTY: true })).toBeUndefined();
    expect(terminalWidth({ isTTY: false, columns: 120 })).toBeUndefined();
    expect(terminalWidth({})).toBeUndefined();
  });
});
