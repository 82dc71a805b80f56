// Google Ads tags and audiences from the compiler's side: where value and currency come from, when
// the shared Conversion Linker exists and what it waits for, and how audiences name events.
import { describe, expect, it } from "vitest";
import { audiences } from "../../src/compile/audiences.js";
import { compile } from "../../src/compile/compile.js";
import type { GtmTagBody } from "../../src/compile/desired-state.js";
import { parseMarker } from "../../src/compile/ownership.js";
import { testSource } from "../support/project.js";
import { everyKindProject } from "./factory.js";

const ads = (label: string) => ({ conversionId: "AW-42", conversionLabel: label, source: testSource });
const params = (t: GtmTagBody) => new Map(t.parameter.map((p) => [p.key, p.value]));

describe("Google Ads conversions", () => {
  it("takes value and currency from the key event when no parameter is named; none without a value", () => {
    const p = everyKindProject();
    p.goals = p.goals.map((g) =>
      g.id === "demo_request"
        ? { ...g, ads: ads("lead"), keyEvent: { counting: "once_per_session", value: 400, currency: "USD" } }
        : g.id === "view_pricing"
          ? { ...g, ads: ads("pricing") }
          : g,
    );
    const tags = compile(p).gtm.tags;
    const lead = params(tags.find((t) => t.key === "tag:ads:demo_request")!.body);
    expect(lead.get("conversionId")).toBe("42");
    expect(lead.get("conversionValue")).toBe("400");
    expect(lead.get("currencyCode")).toBe("USD");
    const pricing = params(tags.find((t) => t.key === "tag:ads:view_pricing")!.body);
    expect(pricing.has("conversionValue")).toBe(false);
    expect(pricing.has("currencyCode")).toBe(false);
    expect(tags.filter((t) => t.body.type === "gclidw")).toHaveLength(1);
  });

  it("adds no Conversion Linker without ads goals; the linker waits for every ads goal's consent", () => {
    expect(compile(everyKindProject()).gtm.tags.some((t) => t.body.type === "gclidw")).toBe(false);
    const p = everyKindProject({ consent: ["ad_storage"] });
    p.goals = p.goals.map((g) =>
      g.id === "demo_request"
        ? { ...g, ads: ads("lead"), consent: ["ad_storage", "ad_user_data"] }
        : g.id === "view_pricing"
          ? { ...g, ads: ads("pricing") }
          : g,
    );
    const linker = compile(p).gtm.tags.find((t) => t.key === "tag:conversion_linker")!;
    expect(linker.goals).toEqual(["demo_request", "view_pricing"]);
    expect(linker.body.consentSettings?.consentType?.list?.map((x) => x.value)).toEqual([
      "ad_storage",
      "ad_user_data",
    ]);
  });
});

describe("audiences", () => {
  it("filter on the goals' event names; an exclusion only with `not`; the marker hashes the content", () => {
    const p = everyKindProject();
    const withEvent = p.goals.map((g) => (g.id === "view_pricing" ? { ...g, event: "pricing_seen" } : g));
    const [only, both] = audiences({
      goals: withEvent,
      audiences: [
        { id: "a_only", title: "A", did: ["view_pricing"], not: [], membershipDays: 7, source: testSource },
        {
          id: "b_both",
          title: "B",
          did: ["view_pricing", "size_guide"],
          not: ["demo_request"],
          membershipDays: 30,
          source: testSource,
        },
      ],
    });
    expect(only!.filterClauses).toHaveLength(1);
    expect(only!.exclusionDurationMode).toBeUndefined();
    expect(JSON.stringify(only!.filterClauses)).toContain('"eventName":"pricing_seen"');
    expect(both!.filterClauses.map((c) => c.clauseType)).toEqual(["INCLUDE", "EXCLUDE"]);
    expect(both!.exclusionDurationMode).toBe("EXCLUDE_TEMPORARILY");
    expect(parseMarker(both!.description)).toEqual({ key: "audience:b_both", hash: both!.hash });
    expect(both!.description.startsWith("B\n")).toBe(true);
  });
});
