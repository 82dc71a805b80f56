// Shorthand expansion and defaults: what other areas read from the normalized Project.
import { describe, expect, it } from "vitest";
import type { Goal } from "../../src/project/model.js";
import { load, micro, withGoals, withProject } from "./harness.js";

function goal(trigger: string[], extra: string[] = []): Goal {
  const r = load(withGoals(micro("x", trigger, extra)));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.project!.goals.find((g) => g.id === "x")!;
}

describe("normalization", () => {
  it("expands page shorthands into conditions in written order", () => {
    const g = goal([
      "      page_view:",
      "        hostname: shop.example",
      "        path: { starts_with: /p/, ignore_case: true }",
      "        query: utm_source=mail",
    ]);
    expect(g.trigger.conditions.map((c) => [c.subject, c.op, c.value, c.ignoreCase])).toEqual([
      [{ builtin: "page_hostname" }, "equals", "shop.example", false],
      [{ builtin: "page_path" }, "starts_with", "/p/", true],
      [{ builtin: "page_url" }, "contains", "utm_source=mail", false],
    ]);
    expect(g.trigger.conditions[1]!.source).toEqual({
      file: "goals/a.yaml",
      pointer: "/goals/2/trigger/page_view/path",
    });
  });

  it("maps click, link and form shorthands to their built-in variables", () => {
    const click = goal([
      "      click:",
      "        selector: button.buy",
      "        id: buy",
      "        classes: primary",
      "        text: { contains: Buy, negate: true }",
    ]);
    expect(click.trigger.conditions.map((c) => [c.subject, c.op, c.negate])).toEqual([
      [{ builtin: "click_element" }, "css", false],
      [{ builtin: "click_id" }, "equals", false],
      [{ builtin: "click_classes" }, "contains", false],
      [{ builtin: "click_text" }, "contains", true],
    ]);
    const link = goal([
      "      link_click:",
      "        url: { ends_with: .pdf }",
      "        file_extensions: [PDF, zip]",
      "        outbound: true",
      "        wait_for_tags: 500",
    ]);
    expect(link.trigger).toMatchObject({
      kind: "link_click",
      fileExtensions: ["pdf", "zip"],
      outbound: true,
      waitForTagsMs: 500,
      checkValidation: false,
    });
    expect(link.trigger.conditions[0]!.subject).toEqual({ builtin: "click_url" });
    const form = goal([
      "      form_submit:",
      "        form_id: signup",
      "        selector: form.x",
      "        classes: lead",
    ]);
    expect(form.trigger.conditions.map((c) => [c.subject, c.op])).toEqual([
      [{ builtin: "form_id" }, "equals"],
      [{ builtin: "form_element" }, "css"],
      [{ builtin: "form_classes" }, "contains"],
    ]);
  });

  it("parses durations, percents and defaults of the other trigger kinds", () => {
    expect(goal(["      timer:", "        interval: 3m", "        limit: 2"]).trigger).toMatchObject({
      kind: "timer",
      intervalMs: 180_000,
      limit: 2,
    });
    expect(goal(["      timer:", "        interval: 500"]).trigger).toMatchObject({ intervalMs: 500 });
    expect(goal(["      scroll_depth:", "        percent: [75, 25, 75]"]).trigger).toMatchObject({
      percents: [25, 75],
    });
    expect(
      goal(["      element_visibility:", "        selector: '#x'", "        min_on_screen: 2s"]).trigger,
    ).toEqual({
      kind: "element_visibility",
      selector: "#x",
      minPercentVisible: 50,
      minOnScreenMs: 2000,
      firing: "once_per_page",
      observeDomChanges: false,
      conditions: [],
    });
    expect(goal(["      youtube:", "        progress: [50, 10]"]).trigger).toMatchObject({
      start: false,
      complete: false,
      progressPercents: [10, 50],
    });
    const dl = goal([
      "      data_layer:",
      "        event: signup",
      "        when:",
      "          - { data_layer: plan.price, gte: 10 }",
    ]);
    expect(dl.trigger).toMatchObject({ kind: "data_layer", event: "signup" });
    expect(dl.trigger.conditions[0]).toMatchObject({
      subject: { dataLayer: "plan.price" },
      op: "gte",
      value: 10,
    });
  });

  it("applies goal defaults: event = id, role, key events, params", () => {
    const r = load(
      withGoals(
        micro(
          "x",
          ["      page_view: {}"],
          [
            "    key_event: true",
            "    params:",
            "      n: { constant: 3 }",
            "      f: { form_field: plan, report: true }",
          ],
        ),
      ),
    );
    const [purchase, , x] = r.project!.goals;
    expect(purchase).toMatchObject({
      event: "purchase",
      keyEvent: { counting: "once_per_event" },
      leadsTo: [],
      pii: false,
    });
    expect(purchase!.role).toBeUndefined();
    expect(x).toMatchObject({
      event: "x",
      role: "secondary",
      keyEvent: { counting: "once_per_event" },
      reservedEventOk: false,
    });
    expect(x!.params.map((p) => [p.name, p.from, p.type, p.report])).toEqual([
      ["n", { constant: 3 }, "number", false],
      ["f", { formField: "plan" }, "string", true],
    ]);
    const noKey = load(
      withGoals([
        "  - id: y",
        "    title: Y",
        "    kind: macro",
        "    key_event: false",
        "    value: 20",
        "    trigger:",
        "      page_view: {}",
      ]),
    );
    expect(noKey.project!.goals[2]).toMatchObject({ value: 20 });
    expect(noKey.project!.goals[2]!.keyEvent).toBeUndefined();
  });

  it("applies project defaults and funnel windows", () => {
    const r = load(withProject([]));
    expect(r.project).toMatchObject({
      name: "T",
      defaultTarget: "staging",
      installGoogleTag: false,
      limits: { keyEvents: 30, customDimensions: 50 },
      report: {
        since: "28daysAgo",
        until: "yesterday",
        windowSeconds: 604_800,
        minUsers: 50,
        currency: "EUR",
        alerts: [],
      },
    });
    expect(r.project!.targets[0]).toMatchObject({
      name: "staging",
      gtm: { accountId: "1", containerId: "2", workspaceName: "microgoals" },
      ga4: { propertyId: "3", measurementId: "G-ABC" },
    });
    const f = load(
      withGoals([
        "funnels:",
        "  - id: f",
        "    title: F",
        "    steps: [view_item, purchase]",
        "  - id: g",
        "    title: G",
        "    steps: [view_item, purchase]",
        "    window: 3h",
        "    open: true",
      ]),
    );
    expect(f.project!.funnels.map((x) => [x.windowSeconds, x.open])).toEqual([
      [604_800, false],
      [10_800, true],
    ]);
  });

  it("locates pointers, falling back to the nearest parent", () => {
    const r = load(withGoals([]));
    expect(r.locate({ file: "goals/a.yaml", pointer: "/goals/1/title" })).toEqual({
      file: "goals/a.yaml",
      line: 9,
      col: 12,
    });
    expect(r.locate({ file: "goals/a.yaml", pointer: "/goals/1/nope/deeper" })).toEqual({
      file: "goals/a.yaml",
      line: 8,
      col: 5,
    });
    expect(r.sources.get("goals/a.yaml")).toContain("view_item");
  });
});
