// GA4 audiences (Admin API v1alpha) through the official client: validation, immutable fields,
// archive instead of delete, the limit of 100 per property.
import { analyticsadmin_v1alpha } from "@googleapis/analyticsadmin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, failure, start } from "./fixture.js";

let f: Fixture;
let alpha: analyticsadmin_v1alpha.Analyticsadmin;
const parent = "properties/400000001";
beforeAll(async () => {
  f = await start();
  alpha = new analyticsadmin_v1alpha.Analyticsadmin({ rootUrl: `${f.emulator.url}/`, retry: false });
});
afterAll(() => f.emulator.close());

const events = (...names: string[]) => ({
  andGroup: {
    filterExpressions: [
      { orGroup: { filterExpressions: names.map((eventName) => ({ eventFilter: { eventName } })) } },
    ],
  },
});
const audience = (displayName: string, extra: Record<string, unknown> = {}) => ({
  displayName,
  description: "Viewed pricing but did not ask for a demo",
  membershipDurationDays: 30,
  exclusionDurationMode: "EXCLUDE_TEMPORARILY",
  filterClauses: [
    {
      clauseType: "INCLUDE",
      simpleFilter: {
        scope: "AUDIENCE_FILTER_SCOPE_ACROSS_ALL_SESSIONS",
        filterExpression: events("view_pricing"),
      },
    },
    {
      clauseType: "EXCLUDE",
      simpleFilter: {
        scope: "AUDIENCE_FILTER_SCOPE_ACROSS_ALL_SESSIONS",
        filterExpression: events("demo_request"),
      },
    },
  ],
  ...extra,
});

describe("GA4 audiences (v1alpha)", () => {
  it("creates, lists, gets, patches the mutable fields and archives", async () => {
    const a = (await alpha.properties.audiences.create({ parent, requestBody: audience("Pricing, no demo") }))
      .data;
    expect(a.name).toMatch(/^properties\/400000001\/audiences\/\d+$/);
    expect(a).toMatchObject({ membershipDurationDays: 30, adsPersonalizationEnabled: true });
    expect((await alpha.properties.audiences.get({ name: a.name! })).data.filterClauses).toHaveLength(2);
    const patched = (
      await alpha.properties.audiences.patch({
        name: a.name!,
        updateMask: "displayName,description",
        requestBody: { displayName: "Renamed", description: "d" },
      })
    ).data;
    expect(patched).toMatchObject({ displayName: "Renamed", description: "d", membershipDurationDays: 30 });
    expect(
      await failure(
        alpha.properties.audiences.patch({
          name: a.name!,
          updateMask: "membershipDurationDays",
          requestBody: { membershipDurationDays: 5 },
        }),
      ),
    ).toMatchObject({ status: 400 });
    await alpha.properties.audiences.archive({ name: a.name!, requestBody: {} });
    expect(await failure(alpha.properties.audiences.get({ name: a.name! }))).toMatchObject({ status: 404 });
    const listed = (await alpha.properties.audiences.list({ parent })).data.audiences ?? [];
    expect(listed.map((x) => x.name)).not.toContain(a.name);
  });

  it("refuses what GA4 refuses", async () => {
    const bad = async (body: Record<string, unknown>) =>
      (await failure(alpha.properties.audiences.create({ parent, requestBody: body }))).status;
    expect(await bad(audience("x", { membershipDurationDays: 541 }))).toBe(400);
    expect(await bad(audience("x", { membershipDurationDays: 0 }))).toBe(400);
    expect(await bad(audience("", {}))).toBe(400);
    expect(await bad(audience("x", { description: "" }))).toBe(400);
    expect(await bad(audience("x", { filterClauses: [] }))).toBe(400);
    // only an exclusion: no one could ever be included
    expect(await bad(audience("x", { filterClauses: [audience("x").filterClauses[1]] }))).toBe(400);
    // the top level must be an andGroup of orGroups
    const flat = {
      clauseType: "INCLUDE",
      simpleFilter: {
        scope: "AUDIENCE_FILTER_SCOPE_ACROSS_ALL_SESSIONS",
        filterExpression: { eventFilter: { eventName: "a" } },
      },
    };
    expect(await bad(audience("x", { filterClauses: [flat] }))).toBe(400);
    const scope = {
      clauseType: "INCLUDE",
      simpleFilter: { scope: "EVERYWHERE", filterExpression: events("a") },
    };
    expect(await bad(audience("x", { filterClauses: [scope] }))).toBe(400);
  });

  it("allows 100 active audiences per property; archived ones free a slot", async () => {
    const p = "properties/400000002";
    const names: string[] = [];
    for (let i = 0; i < 100; i++)
      names.push(
        (await alpha.properties.audiences.create({ parent: p, requestBody: audience(`a${i}`) })).data.name!,
      );
    expect(
      await failure(alpha.properties.audiences.create({ parent: p, requestBody: audience("one more") })),
    ).toMatchObject({
      status: 429,
      reason: "limitExceeded",
    });
    await alpha.properties.audiences.archive({ name: names[0]!, requestBody: {} });
    await alpha.properties.audiences.create({ parent: p, requestBody: audience("one more") });
  });
});
