// Goals on a shared event (page_view narrowed by path, hostname or URL) through the GA4 Data API
// source: official clients over HTTP against the emulator (port 0). Every count must equal a
// brute-force count that evaluates the goal's conditions on the raw events itself; a condition
// no GA4 dimension carries is counted on the event name and said so in every format.
import { describe, expect, it } from "vitest";
import type { EventInput } from "../../src/emulator/data/event-store.js";
import { mulberry32 } from "../../src/emulator/traffic/prng.js";
import type { Condition, Goal } from "../../src/project/model.js";
import { analyze } from "../../src/report/analyze.js";
import { pagePathOf, planReport } from "../../src/report/query-plan.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import { planQueries } from "../../src/report/sources/data-api/queries.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { baseGoal, baseProject, testSource } from "../support/project.js";
import { dataApiFixture } from "./data-api-fixture.js";
import { bruteForce, DAY, RANGE, START } from "./synthetic.js";

const cond = (
  builtin: "page_path" | "page_url" | "page_hostname" | "click_text",
  op: Condition["op"],
  value: string,
  more: Partial<Condition> = {},
): Condition => ({
  subject: { builtin },
  op,
  value,
  negate: false,
  ignoreCase: false,
  source: testSource,
  ...more,
});
const onPage = (id: string, conditions: Condition[]): Goal =>
  baseGoal(
    id,
    { kind: "page_view", conditions },
    { event: "page_view", reservedEventOk: true, leadsTo: ["purchase"], role: "milestone" },
  );

const goals: Goal[] = [
  baseGoal("purchase", { kind: "data_layer", event: "purchase", conditions: [] }, { kind: "macro" }),
  onPage("docs", [cond("page_path", "starts_with", "/docs/", { ignoreCase: true })]),
  onPage("shop_docs", [
    cond("page_hostname", "equals", "shop.example.com"),
    cond("page_path", "matches", "docs/[a-z]+$"), // case-sensitive: /docs/Intro is not one
  ]),
  onPage("not_pricing", [cond("page_url", "contains", "pricing", { negate: true })]),
  onPage("home", [cond("page_path", "equals", "/")]),
  onPage("post", [cond("page_path", "ends_with", "/post")]),
  // click_text has no GA4 dimension: counted as every "tap", with a caveat
  baseGoal(
    "tap_buy",
    { kind: "click", conditions: [cond("click_text", "equals", "Buy")] },
    { event: "tap", reservedEventOk: true, leadsTo: ["purchase"] },
  ),
];
const project = baseProject(goals, {
  funnels: [
    {
      id: "closed",
      title: "C",
      steps: ["docs", "shop_docs", "purchase"],
      windowSeconds: 2 * 86400,
      open: false,
      source: testSource,
    },
    {
      id: "open",
      title: "O",
      steps: ["not_pricing", "home", "purchase"],
      windowSeconds: 86400,
      open: true,
      source: testSource,
    },
  ],
});

const pages = [
  "https://shop.example.com/docs/Intro?x=1",
  "https://shop.example.com/DOCS/api",
  "https://shop.example.com/docs/api#top",
  "https://blog.example.com/docs/post",
  "https://shop.example.com/pricing",
  "https://shop.example.com",
  "https://shop.example.com/?q=pricing",
  undefined, // a page_view without page_location
];

function traffic(users: number, seed: number): EventInput[] {
  const r = mulberry32(seed);
  const out: EventInput[] = [];
  for (let u = 0; u < users; u++) {
    let t = START + Math.floor(r() * 20 * DAY);
    const base = { propertyId: "400000001", userId: `u${u}`, sessionId: 1 };
    const views = 1 + Math.floor(r() * 4);
    for (let k = 0; k < views; k++) {
      const loc = pages[Math.floor(r() * pages.length)];
      const params: Record<string, string> = loc === undefined ? {} : { page_location: loc };
      // The emulator's pagePath as the export loader defines it.
      out.push({ ...base, timestampMicros: t, eventName: "page_view", pagePath: pagePathOf(loc), params });
      t += 1 + Math.floor(r() * DAY);
    }
    if (r() < 0.2)
      out.push({ ...base, timestampMicros: t++, eventName: "tap", params: { link_text: "Buy" } });
    if (r() < 0.3)
      out.push({ ...base, timestampMicros: t + Math.floor(r() * 3 * DAY), eventName: "purchase" });
  }
  return out;
}

/** The conditions evaluated independently of the source: WHATWG URL parts, JS string tests. */
function holds(c: Condition, e: EventInput): boolean {
  const loc = e.params?.page_location as string | undefined;
  const url = loc === undefined ? undefined : new URL(loc);
  const b = "builtin" in c.subject ? c.subject.builtin : "";
  const raw =
    b === "page_path"
      ? (url?.pathname ?? "(not set)")
      : b === "page_hostname"
        ? (url?.hostname ?? "(not set)")
        : (loc ?? "(not set)");
  const v = c.ignoreCase ? raw.toLowerCase() : raw;
  const x = c.ignoreCase ? String(c.value).toLowerCase() : String(c.value);
  const ok =
    c.op === "equals"
      ? v === x
      : c.op === "contains"
        ? v.includes(x)
        : c.op === "starts_with"
          ? v.startsWith(x)
          : c.op === "ends_with"
            ? v.endsWith(x)
            : new RegExp(x).test(v);
  return c.negate ? !ok : ok;
}
const byId = new Map(goals.map((g) => [g.id, g]));
const isHit = (goalId: string, event: string, e: EventInput) =>
  e.eventName === event &&
  (byId.get(goalId)?.trigger.conditions ?? [])
    .filter((c) => !("builtin" in c.subject && c.subject.builtin === "click_text"))
    .every((c) => holds(c, e));

describe("Data API source: goals narrowed by page conditions", () => {
  const events = traffic(1500, 11);

  const api = dataApiFixture(events);

  it("counts each goal, pair and funnel step exactly as a brute-force evaluation of its conditions", async () => {
    const plan = planReport(project);
    const input = await fetchReportInput(plan, {
      propertyId: "400000001",
      dateRange: RANGE,
      clients: api.clients(),
    });
    const expected = bruteForce(events, plan, plan.funnels, RANGE, isHit);
    expect(input.totalUsers).toBe(expected.totalUsers);
    expect(input.goals).toEqual(expected.goals);
    // Small counts: GA4's sparse sketches count them exactly (the standard errors ride along).
    expect(input.pairs.map(({ sigma, ...p }) => p)).toEqual(expected.pairs);
    expect(input.funnels).toEqual(expected.funnels);
    // The conditions matter: each narrowed goal has fewer users than page_view itself.
    const pv = bruteForce(events, { goals: [{ goalId: "pv", event: "page_view" }], pairs: [] }, []).goals[0];
    for (const g of input.goals.filter((x) => x.event === "page_view")) {
      expect(g.users).toBeGreaterThan(0);
      expect(g.users).toBeLessThan(pv.users);
    }
    expect(input.caveats.uncheckedConditions).toEqual([
      { goalId: "tap_buy", event: "tap", conditions: ["click_text equals Buy"], eventNameOnly: true },
    ]);
  });

  it("filters every query that counts a narrowed goal: totals, pair segments and funnel steps", () => {
    const { batches, funnels } = planQueries(planReport(project), RANGE);
    const reports = batches.flat();
    const docs = reports.find((r) => r.name.startsWith("goal page_view[pagePath BEGINS_WITH"))!;
    expect(docs.request.dimensionFilter).toEqual({
      andGroup: {
        expressions: [
          {
            filter: {
              fieldName: "eventName",
              stringFilter: { matchType: "EXACT", value: "page_view", caseSensitive: true },
            },
          },
          {
            filter: {
              fieldName: "pagePath",
              stringFilter: { matchType: "BEGINS_WITH", value: "/docs/", caseSensitive: false },
            },
          },
        ],
      },
    });
    // The pair funnel's segments select the micro goal by the same conditions (not pricing page).
    const notPricing = funnels.find((r) => r.name.startsWith("pair page_view[not pageLocation"))!;
    const segments = JSON.stringify(notPricing.request.segments);
    expect(segments).toContain('"segmentFilter"');
    expect(segments).toContain('"notExpression"');
    expect(segments).toContain("USER_EXCLUSION_PERMANENT");
    // goal totals only carries the events that identify their goals
    const totals = reports.find((r) => r.name === "goal totals")!;
    expect(JSON.stringify(totals.request)).not.toContain("page_view");
    const closed = funnels.find((f) => f.name === "funnel closed")!;
    const step2 = (closed.request.funnel as { steps: { filterExpression: unknown }[] }).steps[1];
    expect(step2.filterExpression).toEqual({
      andGroup: {
        expressions: [
          { funnelEventFilter: { eventName: "page_view" } },
          {
            funnelFieldFilter: {
              fieldName: "hostName",
              stringFilter: { matchType: "EXACT", value: "shop.example.com", caseSensitive: true },
            },
          },
          {
            funnelFieldFilter: {
              fieldName: "pagePath",
              stringFilter: { matchType: "PARTIAL_REGEXP", value: "docs/[a-z]+$", caseSensitive: true },
            },
          },
        ],
      },
    });
  });

  it.each(FORMATS)("%s says the goal is counted on its event name only", async (format) => {
    const input = await fetchReportInput(planReport(project), {
      propertyId: "400000001",
      dateRange: RANGE,
      clients: api.clients(),
    });
    const out = render(analyze(project, input), format);
    expect(out).toMatch(
      /Goal tap_buy is counted on its event name \(tap\) only: the GA4 Data API cannot evaluate click_text equals Buy/,
    );
  });
});
