// One failing and one passing fixture for every semantic rule, asserting rule id and exact line:col.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRules as rules } from "../../src/report/rules/index.js";
import { repoRoot } from "../cli/run-cli.js";
import {
  baseGoalLines,
  type Files,
  found,
  L,
  micro,
  projectLines,
  withGoals,
  withProject,
} from "./harness.js";

const pv = ["      page_view: {}"];
const withBoth = (projectExtra: string[], goalLines: string[]): Files => ({
  ...withGoals(goalLines),
  "microgoals.yaml": [...projectLines, ...projectExtra].join("\n") + "\n",
});
const literalMicro = (id: string, leadsTo: string) => [
  `  - id: ${id}`,
  "    title: X",
  "    kind: micro",
  `    leads_to: ${leadsTo}`,
  "    trigger:",
  ...pv,
];
const params = (n: number) => [
  "    params:",
  ...Array.from({ length: n }, (_, i) => `      p${i}: { constant: x }`),
];
const otherFile = (id: string): Files => ({
  "goals/b.yaml": `goals:\n  - id: ${id}\n    title: P\n    kind: micro\n    leads_to: [purchase]\n    trigger:\n      page_view: {}\n`,
});

interface Pair {
  rule: string;
  bad: Files;
  at: string;
  good: Files;
}

const pairs: Pair[] = [
  {
    rule: "event-name-format",
    bad: withGoals(micro("x", pv, ["    event: buy-now"])),
    at: `goals/a.yaml:${L(8)}:12`,
    good: withGoals(micro("x", pv, ["    event: buy_now"])),
  },
  {
    rule: "event-name-length",
    bad: withGoals(micro("a".repeat(41), pv)),
    at: `goals/a.yaml:${L(1)}:9`,
    good: withGoals(micro("a".repeat(40), pv)),
  },
  {
    rule: "param-name-format",
    bad: withGoals(micro("x", pv, ["    params:", "      9lives: { constant: a }"])),
    at: `goals/a.yaml:${L(9)}:7`,
    good: withGoals(micro("x", pv, ["    params:", "      lives9: { constant: a }"])),
  },
  {
    rule: "param-name-length",
    bad: withGoals(micro("x", pv, ["    params:", `      ${"p".repeat(41)}: { constant: a }`])),
    at: `goals/a.yaml:${L(9)}:7`,
    good: withGoals(micro("x", pv, ["    params:", `      ${"p".repeat(40)}: { constant: a }`])),
  },
  {
    rule: "reserved-prefix",
    bad: withGoals(micro("x", pv, ["    event: ga_buy"])),
    at: `goals/a.yaml:${L(8)}:12`,
    good: withGoals(micro("x", pv, ["    event: buy_ga"])),
  },
  {
    rule: "reserved-prefix",
    bad: withGoals(micro("x", pv, ["    params:", "      google_ref: { constant: a }"])),
    at: `goals/a.yaml:${L(9)}:7`,
    good: withGoals(micro("x", pv, ["    params:", "      ref_google: { constant: a }"])),
  },
  {
    rule: "reserved-event-name",
    bad: withGoals(micro("x", pv, ["    event: scroll"])),
    at: `goals/a.yaml:${L(8)}:12`,
    good: withGoals(micro("x", pv, ["    event: scroll", "    reserved_event: true"])),
  },
  {
    rule: "report-unchecked-condition",
    bad: withGoals(
      micro("x", ["      click:", "        text: Buy"], ["    event: click", "    reserved_event: true"]),
    ),
    at: `goals/a.yaml:${L(8)}:15`,
    good: withGoals(
      micro(
        "x",
        ["      click:", "        url: { contains: /buy }"],
        ["    event: click", "    reserved_event: true"],
      ),
    ),
  },
  {
    rule: "too-many-params",
    bad: withGoals(micro("x", pv, params(26))),
    at: `goals/a.yaml:${L(9)}:7`,
    good: withGoals(micro("x", pv, params(25))),
  },
  {
    rule: "constant-too-long",
    bad: withGoals(micro("x", pv, ["    params:", `      label: { constant: ${"x".repeat(101)} }`])),
    at: `goals/a.yaml:${L(9)}:26`,
    good: withGoals(micro("x", pv, ["    params:", `      label: { constant: ${"x".repeat(100)} }`])),
  },
  {
    rule: "unknown-goal",
    bad: withGoals(literalMicro("x", "[purchase, purchse]")),
    at: `goals/a.yaml:${L(4)}:26`,
    good: withGoals(literalMicro("x", "[purchase]")),
  },
  {
    rule: "unknown-goal",
    bad: withGoals(["funnels:", "  - id: f", "    title: F", "    steps: [view_item, buy]"]),
    at: `goals/a.yaml:${L(4)}:24`,
    good: withGoals(["funnels:", "  - id: f", "    title: F", "    steps: [view_item, purchase]"]),
  },
  {
    rule: "duplicate-goal-id",
    bad: withGoals([], otherFile("view_item")),
    at: "goals/b.yaml:2:9",
    good: withGoals([], otherFile("view_item_2")),
  },
  {
    rule: "duplicate-event-name",
    bad: withGoals(micro("x", pv, ["    event: view_item"])),
    at: `goals/a.yaml:${L(8)}:12`,
    good: withGoals(micro("x", pv, ["    event: view_item_2"])),
  },
  {
    rule: "macro-leads-to",
    bad: withGoals([
      "  - id: x",
      "    title: X",
      "    kind: macro",
      "    leads_to: [purchase]",
      "    trigger:",
      ...pv,
    ]),
    at: `goals/a.yaml:${L(4)}:15`,
    good: withGoals(["  - id: x", "    title: X", "    kind: macro", "    trigger:", ...pv]),
  },
  {
    rule: "macro-role",
    bad: withGoals([
      "  - id: x",
      "    title: X",
      "    kind: macro",
      "    role: milestone",
      "    trigger:",
      ...pv,
    ]),
    at: `goals/a.yaml:${L(4)}:11`,
    good: withGoals(["  - id: x", "    title: X", "    kind: macro", "    trigger:", ...pv]),
  },
  {
    rule: "leads-to-non-macro",
    bad: withGoals(literalMicro("x", "[view_item]")),
    at: `goals/a.yaml:${L(4)}:16`,
    good: withGoals(literalMicro("x", "[purchase]")),
  },
  {
    rule: "cycle",
    bad: withGoals([...literalMicro("a", "[b]"), ...literalMicro("b", "[a]")]),
    at: `goals/a.yaml:${L(10)}:16`,
    good: withGoals([...literalMicro("a", "[b]"), ...literalMicro("b", "[purchase]")]),
  },
  {
    rule: "cycle",
    bad: withGoals(literalMicro("a", "[a]")),
    at: `goals/a.yaml:${L(4)}:16`,
    good: withGoals(literalMicro("a", "[purchase]")),
  },
  {
    rule: "funnel-repeated-step",
    bad: withGoals(["funnels:", "  - id: f", "    title: F", "    steps: [view_item, purchase, view_item]"]),
    at: `goals/a.yaml:${L(4)}:34`,
    good: withGoals(["funnels:", "  - id: f", "    title: F", "    steps: [view_item, purchase]"]),
  },
  {
    rule: "duplicate-funnel-id",
    bad: withGoals([
      "funnels:",
      "  - id: f",
      "    title: F",
      "    steps: [view_item, purchase]",
      "  - id: f",
      "    title: G",
      "    steps: [view_item, purchase]",
    ]),
    at: `goals/a.yaml:${L(5)}:9`,
    good: withGoals([
      "funnels:",
      "  - id: f",
      "    title: F",
      "    steps: [view_item, purchase]",
      "  - id: g",
      "    title: G",
      "    steps: [view_item, purchase]",
    ]),
  },
  {
    rule: "text-too-long",
    bad: withGoals([
      "funnels:",
      "  - id: f",
      `    title: ${"F".repeat(101)}`,
      "    steps: [view_item, purchase]",
    ]),
    at: `goals/a.yaml:${L(3)}:12`,
    good: withGoals([
      "funnels:",
      "  - id: f",
      `    title: ${"F".repeat(100)}`,
      "    steps: [view_item, purchase]",
    ]),
  },
  {
    rule: "invalid-regex",
    bad: withGoals(micro("x", ["      page_view:", '        path: { matches: "^/(a" }'])),
    at: `goals/a.yaml:${L(8)}:26`,
    good: withGoals(micro("x", ["      page_view:", '        path: { matches: "^/(a)" }'])),
  },
  {
    rule: "invalid-regex",
    bad: withGoals(micro("x", ["      page_view:", '        url: { matches: "^/(?!admin)" }'])),
    at: `goals/a.yaml:${L(8)}:25`,
    good: withGoals(micro("x", ["      page_view:", '        url: { matches: "^/admin" , negate: true }'])),
  },
  {
    rule: "invalid-css-selector",
    bad: withGoals(micro("x", ["      click:", '        selector: "a[href"'])),
    at: `goals/a.yaml:${L(8)}:19`,
    good: withGoals(
      micro("x", ["      click:", "        selector: \"a[href^='/x'], button.buy:not(.off)\""]),
    ),
  },
  {
    rule: "invalid-css-selector",
    bad: withGoals(micro("x", ["      element_visibility:", '        selector: "#"'])),
    at: `goals/a.yaml:${L(8)}:19`,
    good: withGoals(micro("x", ["      element_visibility:", '        selector: "#reviews"'])),
  },
  {
    rule: "form-field-trigger",
    bad: withGoals(micro("x", pv, ["    params:", "      plan: { form_field: plan }"])),
    at: `goals/a.yaml:${L(9)}:27`,
    good: withGoals(
      micro("x", ["      form_submit: {}"], ["    params:", "      plan: { form_field: plan }"]),
    ),
  },
  {
    rule: "key-event-limit",
    bad: withBoth(["limits:", "  key_events: 1"], micro("x", pv, ["    key_event: true"])),
    at: `goals/a.yaml:${L(8)}:16`,
    good: withBoth(["limits:", "  key_events: 2"], micro("x", pv, ["    key_event: true"])),
  },
  {
    rule: "custom-dimension-limit",
    bad: withBoth(
      ["limits:", "  custom_dimensions: 1"],
      micro("x", pv, [
        "    params:",
        "      a: { constant: x, report: true }",
        "      b: { constant: y, report: true }",
      ]),
    ),
    at: `goals/a.yaml:${L(10)}:33`,
    good: withBoth(
      ["limits:", "  custom_dimensions: 2"],
      micro("x", pv, [
        "    params:",
        "      a: { constant: x, report: true }",
        "      b: { constant: y, report: true }",
      ]),
    ),
  },
  {
    rule: "pii-param",
    bad: withGoals(micro("x", pv, ["    params:", "      email: { data_layer: form.x }"])),
    at: `goals/a.yaml:${L(9)}:7`,
    good: withGoals(
      micro("x", pv, ["    params:", "      item_name: { data_layer: ecommerce.items.0.item_name }"]),
    ),
  },
  {
    rule: "pii-param",
    bad: withGoals(micro("x", pv, ["    params:", "      contact: { data_layer: user.phoneNumber }"])),
    at: `goals/a.yaml:${L(9)}:30`,
    good: withGoals(micro("x", pv, ["    params:", "      contact: { data_layer: user.segment }"])),
  },
  {
    rule: "pii-param",
    bad: withGoals(micro("x", pv, ["    params:", "      who: { constant: jane@example.com }"])),
    at: `goals/a.yaml:${L(9)}:24`,
    good: withGoals(micro("x", pv, ["    params:", "      who: { constant: footer }"])),
  },
  {
    rule: "pii-param",
    bad: withGoals(
      micro(
        "x",
        ["      link_click:", "        protocols: [mailto]"],
        ["    params:", "      link: { builtin: click_url }"],
      ),
    ),
    at: `goals/a.yaml:${L(10)}:24`,
    good: withGoals(
      micro(
        "x",
        ["      link_click:", "        file_extensions: [pdf]"],
        ["    params:", "      link: { builtin: click_url }"],
      ),
    ),
  },
  {
    rule: "pii-form-field",
    bad: withGoals(
      micro(
        "x",
        ["      form_submit: {}"],
        ["    pii: true", "    params:", "      plan: { form_field: plan }"],
      ),
    ),
    at: `goals/a.yaml:${L(10)}:27`,
    good: withGoals(
      micro(
        "x",
        ["      form_submit: {}"],
        ["    pii: true", "    params:", "      plan: { constant: basic }"],
      ),
    ),
  },
  {
    rule: "consent-required",
    bad: withGoals(micro("x", pv, ["    pii: true"])),
    at: `goals/a.yaml:${L(8)}:5`,
    good: withGoals(micro("x", pv, ["    pii: true", "    consent: [analytics_storage]"])),
  },
  {
    rule: "consent-required",
    bad: withGoals(
      micro("x", pv, [
        "    consent: [analytics_storage]",
        "    ads: { conversion_id: AW-123, conversion_label: abc }",
      ]),
    ),
    at: `goals/a.yaml:${L(9)}:5`,
    good: withBoth(
      ["consent: [ad_storage, ad_user_data, ad_personalization]"],
      micro("x", pv, ["    ads: { conversion_id: AW-123, conversion_label: abc }"]),
    ),
  },
  {
    rule: "ads-param",
    bad: withGoals(
      micro("x", pv, [
        "    consent: [ad_storage]",
        "    params:",
        "      amount: { data_layer: amount }",
        "    ads: { conversion_id: AW-123, conversion_label: abc, value: price }",
      ]),
    ),
    at: `goals/a.yaml:${L(11)}:65`,
    good: withGoals(
      micro("x", pv, [
        "    consent: [ad_storage]",
        "    params:",
        "      amount: { data_layer: amount }",
        "    ads: { conversion_id: AW-123, conversion_label: abc, value: amount }",
      ]),
    ),
  },
  {
    rule: "audience-definition",
    bad: withGoals(["audiences:", "  - id: a", "    title: A", "    did: [view_item, nothing]"]),
    at: `goals/a.yaml:${L(4)}:22`,
    good: withGoals([
      "audiences:",
      "  - id: a",
      "    title: A",
      "    did: [view_item]",
      "    not: [purchase]",
    ]),
  },
  {
    rule: "audience-definition",
    bad: withGoals([
      "audiences:",
      "  - id: a",
      "    title: A",
      "    did: [view_item]",
      "    membership: 600d",
    ]),
    at: `goals/a.yaml:${L(5)}:17`,
    good: withGoals([
      "audiences:",
      "  - id: a",
      "    title: A",
      "    did: [view_item]",
      "    membership: 540d",
    ]),
  },
  {
    rule: "audience-definition",
    bad: withGoals([
      "audiences:",
      ...Array.from({ length: 101 }, (_, i) => [
        `  - id: a${i}`,
        "    title: A",
        "    did: [view_item]",
      ]).flat(),
    ]),
    at: `goals/a.yaml:${L(302)}:9`,
    good: withGoals([
      "audiences:",
      ...Array.from({ length: 100 }, (_, i) => [
        `  - id: a${i}`,
        "    title: A",
        "    did: [view_item]",
      ]).flat(),
    ]),
  },
  {
    rule: "unreached-macro",
    bad: withGoals(["  - id: refund", "    title: Refund", "    kind: macro", "    trigger:", ...pv]),
    at: `goals/a.yaml:${L(1)}:9`,
    good: withGoals([]),
  },
  {
    rule: "micro-leads-nowhere",
    bad: withGoals(["  - id: x", "    title: X", "    kind: micro", "    trigger:", ...pv]),
    at: `goals/a.yaml:${L(1)}:9`,
    good: withGoals(literalMicro("x", "[purchase]")),
  },
  {
    rule: "single-step-funnel",
    bad: withGoals(["funnels:", "  - id: f", "    title: F", "    steps: [purchase]"]),
    at: `goals/a.yaml:${L(4)}:12`,
    good: withGoals(["funnels:", "  - id: f", "    title: F", "    steps: [view_item, purchase]"]),
  },
  {
    rule: "default-target",
    bad: withProject(
      [],
      projectLines.map((l) => l.replace("default_target: staging", "default_target: stagin")),
    ),
    at: "microgoals.yaml:3:17",
    good: withProject([]),
  },
  {
    rule: "default-target",
    bad: withProject(
      [
        "  production:",
        '    gtm: { account: "1", container: "9" }',
        '    ga4: { property: "4", measurement_id: G-P }',
      ],
      projectLines.filter((l) => !l.startsWith("default_target")),
    ),
    at: "microgoals.yaml:3:1",
    good: withProject(
      [],
      projectLines.filter((l) => !l.startsWith("default_target")),
    ),
  },
  {
    rule: "invalid-schedule",
    bad: withProject(["report:", '  schedule: "61 * * * *"']),
    at: "microgoals.yaml:9:13",
    good: withProject(["report:", '  schedule: "0 7 * * 1"']),
  },
];

describe("semantic rules", () => {
  it.each(pairs.map((p, i) => [p.rule, i, p] as const))("%s #%i fails on the bad fixture", (_r, _i, p) => {
    expect(found(p.bad)).toContain(`${p.rule}@${p.at}`);
  });

  it.each(pairs.map((p, i) => [p.rule, i, p] as const))("%s #%i passes the good fixture", (_r, _i, p) => {
    expect(found(p.good).filter((f) => f.startsWith(`${p.rule}@`))).toEqual([]);
  });

  it("has a fixture pair for every registered rule (here, or in the owning area's tests)", () => {
    const covered = new Set(pairs.map((p) => p.rule));
    // Other areas append rules to the registry and test them in their own test directory.
    const testsDir = join(repoRoot, "test");
    const elsewhere = readdirSync(testsDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".test.ts") && !f.startsWith("project"))
      .map((f) => readFileSync(join(testsDir, f), "utf8"))
      .join("\n");
    const untested = rules
      .map((r) => r.id)
      .filter((id) => !covered.has(id) && !elsewhere.includes(`"${id}"`));
    expect(untested).toEqual([]);
  });

  it("reports warnings without blocking the project", () => {
    const files = withGoals(["  - id: x", "    title: X", "    kind: micro", "    trigger:", ...pv]);
    expect(baseGoalLines).toHaveLength(15);
    expect(found(files)).toEqual([`micro-leads-nowhere@goals/a.yaml:${L(1)}:9`]);
  });
});
