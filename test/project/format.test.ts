import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/project/diagnostic.js";
import { formatGithub } from "../../src/project/format/github.js";
import { formatJson } from "../../src/project/format/json.js";
import { formatText } from "../../src/project/format/text.js";

const ds: Diagnostic[] = [
  {
    severity: "error",
    rule: "event-name-length",
    message: 'Event name "x" is 43 characters; GA4 allows 40.',
    position: { file: "goals/shop.yaml", line: 2, col: 7 },
    hint: "Shorten it.",
  },
  {
    severity: "warning",
    rule: "single-step-funnel",
    message: "a, b: 100%",
    position: { file: "goals/shop.yaml", line: 3, col: 1 },
  },
];
const sources = new Map([["goals/shop.yaml", "goals:\n  - id: x\nfunnels: []\n"]]);

describe("formatters", () => {
  it("text: location, rule, message, source line, caret, hint, counts", () => {
    expect(formatText(ds, sources)).toBe(
      [
        'goals/shop.yaml:2:7 error event-name-length Event name "x" is 43 characters; GA4 allows 40.',
        "    2 |   - id: x",
        "      |       ^",
        "      = hint: Shorten it.",
        "goals/shop.yaml:3:1 warning single-step-funnel a, b: 100%",
        "    3 | funnels: []",
        "      | ^",
        "1 error, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("github: escapes properties and data", () => {
    const out = formatGithub(ds, "site/").split("\n");
    expect(out[0]).toBe(
      '::error file=site/goals/shop.yaml,line=2,col=7,title=event-name-length::Event name "x" is 43 characters; GA4 allows 40.%0AShorten it.',
    );
    expect(out[1]).toBe(
      "::warning file=site/goals/shop.yaml,line=3,col=1,title=single-step-funnel::a, b: 100%25",
    );
  });

  it("json: counts and flat diagnostics", () => {
    const out = JSON.parse(formatJson(ds));
    expect(out).toMatchObject({ valid: false, errors: 1, warnings: 1 });
    expect(out.diagnostics[1]).toEqual({
      file: "goals/shop.yaml",
      line: 3,
      col: 1,
      severity: "warning",
      rule: "single-step-funnel",
      message: "a, b: 100%",
    });
  });
});
