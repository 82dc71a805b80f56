// validate prints the user's own file back to a terminal: a spec (or a file someone sent) must not
// be able to drive that terminal through the quoted line, the message or the hint.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/project/diagnostic.js";
import { formatGithub } from "../../src/project/format/github.js";
import { formatText } from "../../src/project/format/text.js";
import { summaryTable } from "../../src/project/summary-table.js";
import { load, projectLines, withGoals, withProject } from "./harness.js";

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const ESC = "\u001b]0;pwned\u0007\u001b[2J\r\u009b1m";

describe("validate output under hostile specs", () => {
  it("quotes a line holding raw control bytes without passing them through", () => {
    const files = withGoals([`  - id: bad id ${ESC}`]);
    const r = load(files);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const out = formatText(r.diagnostics, r.sources);
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain("\uFFFD");
  });

  it("prints a message and hint quoting an escaped control character safely, in text and GitHub form", () => {
    // "\e" in a double-quoted YAML string is a real ESC in the value, which messages quote.
    const files = withGoals([
      "  - id: x",
      '    title: "\\e[2J"',
      "    kind: micro",
      "    role: secondary",
      "    leads_to: [purchase]",
      '    event: "a\\e[31m"',
      "    trigger: { page_view: { path: /x } }",
    ]);
    const r = load(files);
    const text = formatText(r.diagnostics, r.sources, { color: false });
    expect(r.diagnostics.some((d) => d.message.includes("\u001b"))).toBe(true);
    expect(text).not.toMatch(CONTROL);
    expect(formatGithub(r.diagnostics)).not.toMatch(CONTROL);
  });

  it("cuts a very long source line to a window that keeps the caret under its column", () => {
    const line = `${"x".repeat(5000)}BAD${"y".repeat(5000)}`;
    const d: Diagnostic = {
      severity: "error",
      rule: "yaml-syntax",
      message: "m",
      position: { file: "goals/a.yaml", line: 1, col: 5001 },
    };
    const [, quoted, caret] = formatText([d], new Map([["goals/a.yaml", line]])).split("\n");
    expect(quoted.length).toBeLessThan(200);
    expect(quoted.indexOf("BAD")).toBe(caret.indexOf("^"));
  });

  it("prints the summary of a valid project without the project name's control characters", () => {
    const r = load(
      withProject(
        [],
        projectLines.map((l) => (l === "name: T" ? 'name: "Shop\\e]0;pwned\\a"' : l)),
      ),
    );
    expect(r.project?.name).toContain("\u001b");
    expect(summaryTable(r.project!)).not.toMatch(CONTROL);
  });

  it("prints a file name holding control characters safely", () => {
    const d: Diagnostic = {
      severity: "error",
      rule: "yaml-syntax",
      message: "m",
      position: { file: `goals/${ESC}.yaml`, line: 1, col: 1 },
    };
    expect(formatText([d], new Map())).not.toMatch(CONTROL);
    expect(formatGithub([d])).not.toMatch(CONTROL);
  });
});
