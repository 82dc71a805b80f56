// `report --by <dim> --by-scope session` on the GA4 Data API: the seven real Merchandise Store days
// in the emulator (exact user counts) through the official clients. Users and goal users per
// session value are the files source's; a pair's converters follow GA4's funnel definition (the
// breakdown's value at the user's first step: the session of their first micro goal, and for the
// baseline the session of the first macro goal of users with no micro goal), checked against an
// independent count of that definition over the same files. Every output says how it differs
// from the export's rule, and the breakdown costs no more requests than the first-visit one.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExport } from "../../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../../src/emulator/server.js";
import { channelOf } from "../../../src/report/breakdown/channel-group.js";
import type { BreakdownRequest } from "../../../src/report/breakdown/dimensions.js";
import type { SegmentCount } from "../../../src/report/breakdown/model.js";
import { runReport } from "../../../src/report/run-report.js";
import { type DataClients, dataClients } from "../../../src/report/sources/data-api/clients.js";
import { dataApiReportSource } from "../../../src/report/sources/data-api/data-api-source.js";
import { filesReportSource } from "../../../src/report/sources/files/files-report-source.js";
import type { ReportRequest } from "../../../src/report/sources/report-source.js";
import { exportDir, merchProject } from "../../export/merch-project.js";

const PROPERTY = "213025502";
const files = `${exportDir}/*.parquet`;
const project = merchProject();
const base: ReportRequest = {
  project,
  propertyId: PROPERTY,
  since: "2020-11-01",
  until: "2020-11-07",
  now: new Date("2021-01-01T00:00:00Z"),
};
const session: BreakdownRequest = { dimensions: ["channel"], scope: "session" };

interface Row {
  u: string;
  t: number;
  e: string;
  d: string;
  sid: string;
  tagged: boolean;
  src: string | null;
  med: string | null;
}

/** Every event of the files, in file order (plain SQL: no part of the report code). */
async function readRows(): Promise<Row[]> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const param = (k: string) => `list_filter(event_params, p -> p.key = '${k}')[1].value`;
  const r = await c.runAndReadAll(
    `SELECT COALESCE(user_id, user_pseudo_id) AS u, event_timestamp AS t, event_name AS e, event_date AS d,
      COALESCE(CAST(${param("ga_session_id")}.int_value AS VARCHAR), '-') AS sid,
      len(list_filter(event_params, p -> p.key IN ('source', 'medium', 'campaign'))) > 0 AS tagged,
      ${param("source")}.string_value AS src, ${param("medium")}.string_value AS med
     FROM read_parquet('${files}')`,
  );
  const rows = r.getRowObjectsJS().map((x) => ({ ...x, t: Number(x.t) }) as unknown as Row);
  c.closeSync();
  db.closeSync();
  return rows;
}

/** GA4's definition, counted naively: per session channel, users, goal users and pair converters. */
function independentCount(rows: Row[], windowSeconds: number): Map<string, SegmentCount> {
  // A session's channel: its earliest tagged event's source/medium (ties: event name), else Direct.
  const tag = new Map<string, Row>();
  for (const r of rows) {
    if (!r.tagged) continue;
    const k = `${r.u}|${r.sid}`;
    const seen = tag.get(k);
    if (!seen || r.t < seen.t || (r.t === seen.t && r.e < seen.e)) tag.set(k, r);
  }
  const orNotSet = (v: string | null) => (v === null || v === "" ? "(not set)" : v);
  const channel = (r: Row) => {
    const t = tag.get(`${r.u}|${r.sid}`);
    return t ? channelOf(orNotSet(t.src), orNotSet(t.med)) : channelOf("(direct)", "(none)");
  };
  const inRange = rows.filter((r) => r.d >= "20201101" && r.d <= "20201107");
  const byUser = new Map<string, Row[]>();
  for (const r of inRange) {
    const list = byUser.get(r.u) ?? [];
    if (list.length === 0) byUser.set(r.u, list);
    list.push(r);
  }
  const out = new Map<string, SegmentCount>();
  const seg = (v: string): SegmentCount => {
    let s = out.get(v);
    if (!s) {
      s = {
        values: [v],
        totalUsers: 0,
        goals: project.goals.map((g) => ({ goalId: g.id, users: 0 })),
        pairs: project.goals
          .filter((g) => g.kind === "micro")
          .map((g) => ({
            microId: g.id,
            macroId: "purchase",
            windowSeconds,
            microUsers: 0,
            convertedAfterMicro: 0,
            nonMicroUsers: 0,
            convertedWithoutMicro: 0,
          })),
      };
      out.set(v, s);
    }
    return s;
  };
  for (const events of byUser.values()) {
    events.sort((a, b) => a.t - b.t);
    const channels = new Set(events.map(channel));
    for (const v of channels) seg(v).totalUsers++;
    for (const v of channels)
      for (const g of seg(v).goals) if (events.some((e) => e.e === g.goalId && channel(e) === v)) g.users++;
    const purchases = events.filter((e) => e.e === "purchase");
    for (const [k, p] of seg("Direct").pairs.entries()) {
      const micros = events.filter((e) => e.e === p.microId);
      if (micros.length > 0) {
        const converted = micros.some((m) =>
          purchases.some((x) => x.t > m.t && x.t - m.t <= windowSeconds * 1e6),
        );
        if (converted) seg(channel(micros[0]!)).pairs[k]!.convertedAfterMicro++;
      } else if (purchases.length > 0) seg(channel(purchases[0]!)).pairs[k]!.convertedWithoutMicro++;
    }
  }
  for (const s of out.values())
    for (const p of s.pairs) {
      p.microUsers = s.goals.find((g) => g.goalId === p.microId)!.users;
      p.nonMicroUsers = s.totalUsers - p.microUsers;
    }
  return out;
}

let emulator: Emulator;
let clients: DataClients;
let rows: Row[];
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    exactCounts: true,
    data: { now: new Date("2021-01-01T00:00:00Z") },
  });
  await loadExport(emulator.events, files, { propertyId: PROPERTY });
  clients = await dataClients({ endpoint: emulator.url });
  rows = await readRows();
}, 180_000);
afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const byValue = (segments: SegmentCount[]) =>
  new Map(
    segments.map((s) => [
      s.values.join(" | "),
      {
        ...s,
        goals: [...s.goals].sort((a, b) => a.goalId.localeCompare(b.goalId)),
        pairs: s.pairs.map(({ sigma: _, ...p }) => p),
      },
    ]),
  );

describe("report --by channel --by-scope session on the GA4 Data API (real export in the emulator)", () => {
  it("equals an independent count of GA4's definition; users and goal users equal the files source's", async () => {
    const ga4 = await dataApiReportSource({ clients, counting: "exact" });
    const crude = { ...base, adjust: false };
    const t0 = emulator.requestCounts().total;
    const plain = await ga4.read(crude);
    const t1 = emulator.requestCounts().total;
    const firstVisit = await ga4.read({
      ...crude,
      breakdown: { dimensions: ["channel"], scope: "first_visit" },
    });
    const t2 = emulator.requestCounts().total;
    const fromApi = await ga4.read({ ...crude, breakdown: session });
    const t3 = emulator.requestCounts().total;
    const api = fromApi.breakdown!;
    expect(api.scope).toBe("session");
    expect(api.definition).toContain("sessionDefaultChannelGroup");
    expect(api.definition).toContain("Caveat: GA4 funnels take a breakdown's value at the user's first step");

    const window = fromApi.pairs[0]!.windowSeconds;
    const expected = byValue([...independentCount(rows, window).values()]);
    const got = byValue(api.segments);
    expect(got.size).toBeGreaterThan(4);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [v, s] of got) expect({ v, ...s }).toEqual({ v, ...expected.get(v) });

    // Users and goal users per session value are the export's session rule too.
    const fromFiles = await filesReportSource({ files, allowGaps: true }).read({
      ...base,
      breakdown: session,
    });
    const filesBy = byValue(fromFiles.breakdown!.segments);
    for (const [v, s] of got) {
      expect({ v, users: s.totalUsers, goals: s.goals }).toEqual({
        v,
        users: filesBy.get(v)?.totalUsers,
        goals: filesBy.get(v)?.goals,
      });
    }
    // The converters genuinely differ from the export's same-segment rule (hence the caveat).
    let differ = 0;
    for (const [v, s] of got)
      s.pairs.forEach((p, k) => {
        const f = filesBy.get(v)?.pairs[k];
        if (
          f &&
          (f.convertedAfterMicro !== p.convertedAfterMicro ||
            f.convertedWithoutMicro !== p.convertedWithoutMicro)
        )
          differ++;
      });
    console.log(
      `session scope: ${differ} of ${got.size * fromApi.pairs.length} segment × pair cells differ from the files source's converters`,
    );
    expect(differ).toBeGreaterThan(0);
    // The same requests as the first-visit breakdown: at most one batch more than unsegmented.
    expect(t3 - t2).toBe(t2 - t1);
    expect(t3 - t2 - (t1 - t0)).toBeLessThanOrEqual(1);
    expect(fromApi.cost.requests).toBe(t3 - t2);
    expect(fromApi.pairs).toEqual(plain.pairs);
    console.log(
      `--by channel on the 7 real days: unsegmented ${plain.cost.requests} requests / ${plain.cost.tokens} tokens; ` +
        `first visit ${firstVisit.cost.requests} / ${firstVisit.cost.tokens}; session ${fromApi.cost.requests} / ${fromApi.cost.tokens}`,
    );
  }, 180_000);

  it("says how the Data API's session scope differs, in every format", async () => {
    const target = {
      name: "demo",
      gtm: { accountId: "1", containerId: "2", workspaceName: "w" },
      ga4: { propertyId: PROPERTY, measurementId: "G-X" },
      source: { file: "microgoals.yaml", pointer: "" },
    };
    for (const format of ["json", "table", "md", "html"] as const) {
      const r = await runReport({
        project: { ...project, targets: [target] },
        source: { kind: "ga4", clients, counting: "exact" },
        adjust: false,
        since: base.since,
        until: base.until,
        now: () => base.now!,
        breakdown: session,
        format,
      });
      // Wrapped to the width (table, Markdown) or HTML-escaped: compare the words.
      const text = (format === "json" ? JSON.parse(r.output).breakdown.definition : r.output).replace(
        /\s+/g,
        " ",
      );
      expect(text, format).toContain("Caveat: GA4 funnels take a breakdown");
      expect(text, format).toContain("first step, so a pair");
      expect(text, format).toContain(
        "count a conversion only where micro and macro goal fall in the same segment",
      );
    }
  }, 180_000);
});
