// The malformed-spec corpus for YAML, schema and shape problems: each case asserts the rule id and
// the exact line:col it points at. Semantic rules have their own pass/fail pairs in rules.test.ts.
import { describe, expect, it } from "vitest";
import { type Files, found, L, micro, projectLines, withGoals, withProject } from "./harness.js";

const pageView = ["      page_view: {}"];
const goalsOnly = (text: string): Files => ({ ...withGoals([]), "goals/a.yaml": text });
const replaceLine = (n: number, line: string) => projectLines.map((l, i) => (i === n - 1 ? line : l));

const cases: [name: string, files: Files, expected: string][] = [
  // YAML problems
  ["duplicate key", withGoals(["  - id: x", "    id: y"]), `duplicate-key@goals/a.yaml:${L(2)}:5`],
  ["tab indentation", goalsOnly("goals:\n\t- id: x\n"), "tab-indent@goals/a.yaml:2:1"],
  [
    "unclosed flow sequence",
    goalsOnly("goals:\n  - id: x\n    title: [a, b\n"),
    "yaml-syntax@goals/a.yaml:4:1",
  ],
  ["unterminated quoted string", goalsOnly('goals:\n  - id: "x\n'), "yaml-syntax@goals/a.yaml:3:1"],
  ["empty goals file", goalsOnly(""), "empty-file@goals/a.yaml:1:1"],
  ["comment-only goals file", goalsOnly("# nothing yet\n"), "empty-file@goals/a.yaml:1:1"],
  ["binary goals file", goalsOnly("\u0000\u0001PNG"), "binary-file@goals/a.yaml:1:1"],
  [
    "missing project file",
    { ...withGoals([]), "microgoals.yaml": undefined },
    "missing-file@microgoals.yaml:1:1",
  ],
  ["two YAML documents", goalsOnly("goals: []\n---\ngoals: []\n"), "multiple-documents@goals/a.yaml:2:1"],
  ["empty project file", { ...withGoals([]), "microgoals.yaml": "" }, "empty-file@microgoals.yaml:1:1"],
  // JSON Schema problems, mapped to the YAML node
  ["misspelt goal key", withGoals(micro("x", pageView, ["    titel: y"])), `schema@goals/a.yaml:${L(8)}:5`],
  [
    "goal without trigger",
    withGoals(["  - id: x", "    title: X", "    kind: micro"]),
    `schema@goals/a.yaml:${L(1)}:5`,
  ],
  [
    "unknown kind",
    withGoals(["  - id: x", "    title: X", "    kind: mega", "    trigger:", ...pageView]),
    `schema@goals/a.yaml:${L(3)}:11`,
  ],
  [
    "two trigger kinds",
    withGoals(micro("x", [...pageView, "      click: {}"])),
    `schema@goals/a.yaml:${L(7)}:7`,
  ],
  ["misspelt trigger kind", withGoals(micro("x", ["      page_veiw: {}"])), `schema@goals/a.yaml:${L(7)}:7`],
  [
    "id not snake_case",
    withGoals(["  - id: Buy-Now", "    title: X", "    kind: macro", "    trigger:", ...pageView]),
    `schema@goals/a.yaml:${L(1)}:9`,
  ],
  [
    "scroll threshold over 100",
    withGoals(micro("x", ["      scroll_depth:", "        percent: [50, 150]"])),
    `schema@goals/a.yaml:${L(8)}:23`,
  ],
  [
    "bad timer duration",
    withGoals(micro("x", ["      timer:", '        interval: "3 minutes"'])),
    `schema@goals/a.yaml:${L(8)}:19`,
  ],
  [
    "unknown condition operator",
    withGoals(micro("x", ["      page_view:", "        path: { begins: /x }"])),
    `schema@goals/a.yaml:${L(8)}:17`,
  ],
  [
    "bad key_event counting",
    withGoals(micro("x", pageView, ["    key_event: { counting: twice }"])),
    `schema@goals/a.yaml:${L(8)}:28`,
  ],
  ["spec version 2", withProject([], replaceLine(1, "version: 2")), "schema@microgoals.yaml:1:10"],
  [
    "bad measurement id",
    withProject([], replaceLine(7, '    ga4: { property: "3", measurement_id: UA-1 }')),
    "schema@microgoals.yaml:7:43",
  ],
  ["project without targets", withProject([], ["version: 1", "name: T"]), "schema@microgoals.yaml:1:1"],
  ["bad report window", withProject(["report:", "  window: 1 week"]), "schema@microgoals.yaml:9:11"],
  [
    "bad param type",
    withGoals(micro("x", pageView, ["    params:", "      x: { data_layer: a, type: int }"])),
    `schema@goals/a.yaml:${L(9)}:33`,
  ],
  [
    "leads_to not a list",
    withGoals([
      "  - id: x",
      "    title: X",
      "    kind: micro",
      "    leads_to: purchase",
      "    trigger:",
      ...pageView,
    ]),
    `schema@goals/a.yaml:${L(4)}:15`,
  ],
  ["bad report since", withProject(["report:", "  since: last week"]), "schema@microgoals.yaml:9:10"],
  ["misspelt project key", withProject(["defualt_target: x"]), "schema@microgoals.yaml:8:1"],
  ["boolean written as yes", withProject(["install_google_tag: yes"]), "schema@microgoals.yaml:8:21"],
  [
    "funnel without steps",
    withGoals(["funnels:", "  - id: f", "    title: F"]),
    `schema@goals/a.yaml:${L(2)}:5`,
  ],
  [
    "element_visibility without selector",
    withGoals(micro("x", ["      element_visibility:", "        firing: once_per_page"])),
    `schema@goals/a.yaml:${L(8)}:9`,
  ],
  [
    "data_layer without event",
    withGoals(micro("x", ["      data_layer: {}"])),
    `schema@goals/a.yaml:${L(7)}:19`,
  ],
  ["goals file is a list", goalsOnly("- id: x\n"), "schema@goals/a.yaml:1:1"],
  [
    "numeric comparison with a string",
    withGoals(micro("x", ["      page_view:", "        when:", '          - { data_layer: a, gt: "1" }'])),
    `schema@goals/a.yaml:${L(9)}:34`,
  ],
  // Shapes the normalizer checks ("exactly one of")
  [
    "two condition operators",
    withGoals(micro("x", ["      page_view:", "        path: { contains: a, starts_with: b }"])),
    `condition-op@goals/a.yaml:${L(8)}:43`,
  ],
  [
    "no condition operator",
    withGoals(micro("x", ["      page_view:", "        path: { negate: true }"])),
    `condition-op@goals/a.yaml:${L(8)}:15`,
  ],
  [
    "two condition subjects",
    withGoals(
      micro("x", [
        "      page_view:",
        "        when:",
        "          - { builtin: page_path, data_layer: a, equals: b }",
      ]),
    ),
    `condition-subject@goals/a.yaml:${L(9)}:13`,
  ],
  [
    "parameter without source",
    withGoals(micro("x", pageView, ["    params:", "      x: { type: number }"])),
    `param-source@goals/a.yaml:${L(9)}:10`,
  ],
  [
    "engagement without threshold",
    withGoals(micro("x", ["      engagement:", "        path: /x"])),
    `empty-trigger@goals/a.yaml:${L(8)}:9`,
  ],
  [
    "youtube capturing nothing",
    withGoals(micro("x", ["      youtube: {}"])),
    `empty-trigger@goals/a.yaml:${L(7)}:16`,
  ],
];

describe("malformed specs", () => {
  it.each(cases)("%s", (_name, files, expected) => {
    const result = found(files);
    expect(result).toContain(expected);
  });

  it("produces no project when a file is broken", () => {
    const files = goalsOnly("goals:\n\t- id: x\n");
    expect(found(files).length).toBeGreaterThan(0);
  });
});
