// `source: offline` macro goals: no trigger, no GTM entities, still a GA4 key event.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.js";
import { found, L, load, withGoals } from "../project/harness.js";

const deal = (extra: string[] = []) => [
  "  - id: deal_closed", // 1
  "    title: Deal closed", // 2
  "    kind: macro", // 3
  "    source: offline", // 4
  "    event: close_convert_lead", // 5
  "    key_event: { counting: once_per_event, value: 900, currency: EUR }", // 6
  ...extra,
];

describe("offline macro goals", () => {
  it("load without a trigger and normalize to the offline kind with event, value and currency", () => {
    const r = load(withGoals(deal()));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const g = r.project!.goals.find((x) => x.id === "deal_closed")!;
    expect(g.trigger).toEqual({ kind: "offline", conditions: [] });
    expect(g.event).toBe("close_convert_lead");
    expect(g.keyEvent).toEqual({ counting: "once_per_event", value: 900, currency: "EUR" });
    expect(g.value).toBe(900);
  });

  it("compile to a key event and no GTM tag or trigger", () => {
    const s = compile(load(withGoals(deal())).project!);
    expect(s.gtm.tags.map((t) => t.key)).not.toContain("tag:goal:deal_closed");
    expect(s.gtm.triggers.flatMap((t) => t.goals ?? [])).not.toContain("deal_closed");
    expect(s.ga4.keyEvents.find((k) => k.eventName === "close_convert_lead")).toMatchObject({
      countingMethod: "ONCE_PER_EVENT",
      defaultValue: { numericValue: 900, currencyCode: "EUR" },
      goals: ["deal_closed"],
    });
    // reconcile asks the Data API for customEvent:transaction_id
    expect(s.ga4.customDimensions.find((d) => d.parameterName === "transaction_id")).toMatchObject({
      scope: "EVENT",
      goals: ["deal_closed"],
    });
    // the online goals still compile as before
    expect(s.gtm.tags.map((t) => t.key)).toContain("tag:goal:purchase");
  });

  it("refuse a trigger, params or kind micro on an offline goal, at the offending key", () => {
    expect(found(withGoals(deal(["    trigger:", "      page_view:", "        path: /thanks"])))).toEqual([
      `offline-goal@goals/a.yaml:${L(8)}:7`,
    ]);
    expect(found(withGoals(deal(["    params:", "      plan: { constant: gold }"])))).toEqual([
      `offline-goal@goals/a.yaml:${L(8)}:7`,
    ]);
    const micro = deal().map((l) => l.replace("kind: macro", "kind: micro"));
    expect(found(withGoals(micro))).toContain(`offline-goal@goals/a.yaml:${L(3)}:11`);
  });

  it("still require a trigger on site goals, and refuse an unknown source", () => {
    const noTrigger = ["  - id: lead", "    title: Lead", "    kind: macro"];
    expect(found(withGoals(noTrigger))).toEqual([`schema@goals/a.yaml:${L(1)}:5`]);
    expect(load(withGoals(noTrigger)).diagnostics[0]!.message).toMatch(/Missing required key "trigger"/);
    const typo = deal().map((l) => l.replace("source: offline", "source: ofline"));
    expect(
      load(withGoals(typo))
        .diagnostics.map((d) => d.message)
        .join("\n"),
    ).toMatch(/"source" must be one of: site, offline/);
  });
});
