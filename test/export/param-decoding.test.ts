// The analysis query decodes only what goals read: each event parameter looked up once per event,
// only for the events whose goals' predicates read it, only in the form (text, number) they
// compare; the page-path and host regular expressions only for the events of page goals.
import { describe, expect, it } from "vitest";
import type { Goal } from "../../src/project/model.js";
import { analysisSql } from "../../src/report/sources/export/analysis-query.js";
import { bigquery, duckdb } from "../../src/report/sources/export/dialect.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import { goal, merchProject } from "./merch-project.js";

const src = { file: "x", pointer: "" };
const cond = (subject: object, op: string, value: string | number) =>
  ({ subject, op, value, ignoreCase: false, negate: false, source: src }) as never;

function sqlFor(goals: Goal[], dialect = duckdb): string {
  const project = merchProject(goals);
  project.funnels = [];
  const { query } = exportQuery(project, { since: "2020-11-01", until: "2020-11-08" });
  return analysisSql(query, { from: "events", hasUserId: true }, dialect);
}

const valueParam = {
  name: "value",
  from: { dataLayer: "ecommerce.value" },
  type: "number" as const,
  report: false,
  source: src,
};
const goals = [
  goal("purchase", "macro"),
  goal("big_purchase", "macro", {
    event: "purchase",
    params: [valueParam],
    trigger: {
      kind: "data_layer",
      event: "purchase",
      conditions: [cond({ dataLayer: "ecommerce.value" }, "gt", 100)],
    },
  }),
  goal("view_apparel", "micro", {
    event: "page_view",
    reservedEventOk: true,
    trigger: { kind: "page_view", conditions: [cond({ builtin: "page_path" }, "contains", "/apparel")] },
  }),
  goal("view_item", "micro"),
];

describe("event parameters in the analysis query", () => {
  it("are looked up once per parameter, only for the events whose goals read them", () => {
    const sql = sqlFor(goals);
    expect(sql.match(/list_filter\(event_params/g)).toHaveLength(2); // page_location and value
    expect(sql).toContain(
      "CASE WHEN event_name IN ('page_view') THEN list_filter(event_params, lambda p: p.key = 'page_location')",
    );
    expect(sql).toContain(
      "CASE WHEN event_name IN ('purchase') THEN list_filter(event_params, lambda p: p.key = 'value')",
    );
  });

  it("are read only in the form a comparison uses; URL regexes only for page goals' events", () => {
    const sql = sqlFor(goals);
    const ev = /\nev AS \((.*?)\),\n/.exec(sql)?.[1] ?? "";
    expect(ev).toMatch(/ AS p1_n\b/); // value: compared as a number only
    expect(ev).not.toMatch(/ AS p1_s\b/);
    expect(ev).not.toMatch(/ AS p0_n\b/); // page_location: read as text for its path only
    expect(ev).toMatch(/CASE WHEN e IN \('page_view'\) THEN .*regexp_extract.* AS url_path/);
    expect(ev).not.toContain("url_host");
  });

  it("are not decoded at all when no goal has a condition", () => {
    const sql = sqlFor([goal("purchase", "macro"), goal("view_item", "micro")]);
    expect(sql).not.toContain("event_params");
    expect(sql).not.toContain("regexp_extract");
    expect(sqlFor(goals, bigquery).match(/UNNEST\(event_params\)/g)).toHaveLength(2);
  });
});
