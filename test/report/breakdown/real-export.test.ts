// The breakdown on the seven real days of the Merchandise Store export, checked against a plain
// TypeScript computation over the same rows (brute-force.ts), per segment and pair.
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { channelOf } from "../../../src/report/breakdown/channel-group.js";
import type { Dimension } from "../../../src/report/breakdown/dimensions.js";
import { pagePathOf } from "../../../src/report/query-plan.js";
import { filesReport } from "../../../src/report/sources/files/files-source.js";
import { exportDir, merchMicros, merchProject } from "../../export/merch-project.js";
import { bruteBreakdown, type Row } from "./brute-force.js";

const files = `${exportDir}/*.parquet`;
const project = merchProject();
const goals = ["purchase", ...merchMicros];
const pairs = merchMicros.map((m) => ({ microId: m, macroId: "purchase", windowSeconds: 7 * 86400 }));
let raw: {
  u: string;
  t: number;
  e: string;
  src: string | null;
  med: string | null;
  dev: string | null;
  sn: number | null;
  ctry: string | null;
  loc: string | null;
}[];
/** user → page path of their first page_view (by time, as the SQL orders them) */
const landing = new Map<string, { t: number; path: string }>();

beforeAll(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const r = await c.runAndReadAll(
    `SELECT user_pseudo_id AS u, event_timestamp AS t, event_name AS e, traffic_source.source AS src, ` +
      `traffic_source.medium AS med, device.category AS dev, geo.country AS ctry, ` +
      `list_filter(event_params, lambda p: p.key = 'page_location')[1].value.string_value AS loc, ` +
      `list_filter(event_params, lambda p: p.key = 'ga_session_number')[1].value.int_value AS sn ` +
      `FROM read_parquet('${files}', union_by_name = true)`,
  );
  raw = r.getRowObjectsJS().map((x) => ({
    u: String(x.u),
    t: Number(x.t),
    e: String(x.e),
    src: x.src === null ? null : String(x.src),
    med: x.med === null ? null : String(x.med),
    dev: x.dev === null ? null : String(x.dev),
    sn: x.sn === null ? null : Number(x.sn),
    ctry: x.ctry === null ? null : String(x.ctry),
    loc: x.loc === null ? null : String(x.loc),
  }));
  for (const r of raw) {
    if (r.e !== "page_view") continue;
    const seen = landing.get(r.u);
    if (!seen || r.t < seen.t) landing.set(r.u, { t: r.t, path: pagePathOf(r.loc) });
  }
  c.closeSync();
  db.closeSync();
}, 120_000);

const dimensionValue: Partial<Record<Dimension, (r: (typeof raw)[number]) => string>> = {
  source: (r) => r.src || "(not set)",
  device: (r) => r.dev || "(not set)",
  channel: (r) => channelOf(r.src || "(not set)", r.med || "(not set)"),
  country: (r) => r.ctry || "(not set)",
  landing_page: (r) => landing.get(r.u)?.path ?? "(not set)",
  new_vs_returning: (r) => (r.sn === null ? "(not set)" : r.sn <= 1 ? "new" : "returning"),
};

describe("breakdown over the real export (first-visit scope)", () => {
  for (const dim of Object.keys(dimensionValue) as Dimension[]) {
    it(`matches a plain TypeScript count by ${dim}`, async () => {
      const sql = await filesReport(project, {
        files,
        since: "2020-11-01",
        until: "2020-11-08",
        allowGaps: true,
        breakdown: { dimensions: [dim], scope: "first_visit" },
      });
      const rows: Row[] = raw.map((r) => ({ u: r.u, t: r.t, e: r.e, v: dimensionValue[dim]!(r) }));
      const brute = bruteBreakdown(rows, goals, pairs);
      const byValue = (s: { values: string[] }) => s.values.join();
      const sort = <T extends { values: string[] }>(xs: T[]) =>
        [...xs].sort((a, b) => byValue(a).localeCompare(byValue(b)));
      expect(sort(sql.breakdown!.segments)).toEqual(sort(brute));
      // Segments partition the users in first-visit scope.
      expect(sql.breakdown!.segments.reduce((n, s) => n + s.totalUsers, 0)).toBe(sql.totalUsers);
    }, 120_000);
  }
});
