// The seven real days of the Google Merchandise Store export: the SQL path (DuckDB over the files)
// against the README's published per-day counts, against the emulator's Data API path on the same
// events loaded into its store, and against brute-force counts for what only the export can tell.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventStore } from "../../src/emulator/data/event-store.js";
import { loadExport } from "../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { planReport } from "../../src/report/query-plan.js";
import { dataClients } from "../../src/report/sources/data-api/clients.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import type { ExportReportInput } from "../../src/report/sources/export/read-result.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { exportDir, merchMicros, merchProject } from "./merch-project.js";

// From the folder's README (independently published figures for the same property).
const readme = [
  ["20201101", 31272, 2365, 9767, 2594, 14],
  ["20201102", 48388, 3262, 14964, 3682, 49],
  ["20201104", 51866, 3734, 15799, 4281, 46],
  ["20201105", 51952, 3272, 16249, 3795, 26],
  ["20201106", 49004, 2813, 15232, 3265, 58],
  ["20201107", 34309, 2004, 10814, 2239, 31],
  ["20201108", 30137, 1919, 9598, 2133, 32],
] as const;

const files = `${exportDir}/*.parquet`;
const project = merchProject();
let sql: ExportReportInput;
const store = new EventStore();

beforeAll(async () => {
  // The crude counts are under test here; the adjusted effects on these days are test/effects/merch-effects.
  sql = await filesReport(project, {
    files,
    since: "2020-11-01",
    until: "2020-11-08",
    allowGaps: true,
    adjust: false,
  });
  await loadExport(store, files, { propertyId: "213025502" });
}, 120_000); // seven real days, read twice: slow on a loaded two-core machine

describe("DuckDB over the real export", () => {
  it("counts every day's events and users as published", () => {
    expect(sql.days.map((d) => [d.date, d.events, d.users])).toEqual(readme.map((r) => [r[0], r[1], r[2]]));
    expect(sql.totalEvents).toBe(readme.reduce((s, r) => s + r[1], 0));
  });

  it("reads the files twice: goal hits, and every event's day and user (the cost line says so)", () => {
    expect(sql.cost.requests).toBe(2);
  });

  it("reports the missing 2020-11-03 as a gap, not silently", () => {
    expect(sql.notes.join("\n")).toContain("20201103");
  });

  it("matches brute-force time to convert and reverse paths computed from the loaded events", () => {
    const brute = bruteForce(store, 7 * 86400e6);
    const vi = sql.timeToConvert.find((t) => t.microId === "begin_checkout");
    expect(vi?.converters).toBe(brute.converters);
    expect(vi?.medianSeconds).toBeCloseTo(brute.median, 6);
    const paths = sql.reversePaths.find((p) => p.macroId === "purchase");
    expect(paths?.conversions).toBe(brute.conversions);
    expect(paths?.top[0]).toEqual({
      steps: brute.topPath,
      conversions: brute.topCount,
      users: brute.topUsers,
    });
  });
});

describe("emulator loading", () => {
  it("loads every event, with the published per-day events, users, page_view, session_start, purchase", () => {
    const byDay = new Map<
      string,
      { events: number; users: Set<string>; pv: number; ss: number; pu: number }
    >();
    for (const e of store.events("213025502")) {
      const day = new Date(e.timestampMicros / 1000).toISOString().slice(0, 10).replaceAll("-", "");
      const d = byDay.get(day) ?? { events: 0, users: new Set<string>(), pv: 0, ss: 0, pu: 0 };
      byDay.set(day, d);
      d.events++;
      d.users.add(e.userId);
      if (e.eventName === "page_view") d.pv++;
      if (e.eventName === "session_start") d.ss++;
      if (e.eventName === "purchase") d.pu++;
    }
    const got = [...byDay].sort().map(([day, d]) => [day, d.events, d.users.size, d.pv, d.ss, d.pu]);
    expect(got).toEqual(readme.map((r) => [...r]));
  });
});

describe("Data API path (emulator) vs SQL path (DuckDB)", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, exactCounts: true });
    // Share the already-loaded store: the emulator serves whatever its store holds.
    for (const e of store.events()) emulator.events.append(e);
  });
  afterAll(async () => emulator?.close());

  it("gives identical numbers on the seven days", async () => {
    const clients = await dataClients({ endpoint: emulator.url });
    try {
      const api = await fetchReportInput(planReport(project), {
        propertyId: "213025502",
        dateRange: { since: "2020-11-01", until: "2020-11-08" },
        clients,
        counting: "exact", // the emulator above runs with exactCounts
      });
      expect(sql.totalUsers).toBe(api.totalUsers);
      expect(sql.goals).toEqual(api.goals);
      expect(sql.pairs).toEqual(api.pairs);
      expect(sql.funnels).toEqual(api.funnels);
      // the range-edge bound, one SQL section against one funnel step
      expect(sql.caveats.rangeEdge).toEqual(api.caveats.rangeEdge);
      expect(sql.caveats.rangeEdge?.length).toBeGreaterThan(0);
      // and the numbers are not trivially zero
      expect(sql.pairs.find((p) => p.microId === "begin_checkout")?.convertedAfterMicro).toBeGreaterThan(100);
      expect(sql.funnels[0]?.steps.map((s) => s.users).every((n) => n >= 0)).toBe(true);
    } finally {
      await clients.close();
    }
  });
});

/** Per user: first purchase with a begin_checkout in [t − W, t); per conversion: its last 3 micro steps in the window, repeats collapsed. */
function bruteForce(store: EventStore, windowMicros: number) {
  const micros = new Set(merchMicros);
  const byUser = new Map<string, { t: number; e: string }[]>();
  for (const e of store.events()) {
    if (!micros.has(e.eventName) && e.eventName !== "purchase") continue;
    const list = byUser.get(e.userId) ?? [];
    byUser.set(e.userId, list);
    list.push({ t: e.timestampMicros, e: e.eventName });
  }
  const times: number[] = [];
  const pathCounts = new Map<string, { n: number; users: Set<string> }>();
  let conversions = 0;
  for (const [u, list] of byUser) {
    list.sort((a, b) => a.t - b.t || (a.e < b.e ? -1 : a.e > b.e ? 1 : 0));
    const seen = new Set<number>();
    let timed = false;
    for (const ev of list) {
      if (ev.e !== "purchase") continue;
      if (!timed) {
        const firstMicro = list.find(
          (x) => x.e === "begin_checkout" && x.t < ev.t && x.t >= ev.t - windowMicros,
        );
        if (firstMicro) {
          times.push((ev.t - firstMicro.t) / 1e6);
          timed = true;
        }
      }
      if (seen.has(ev.t)) continue;
      seen.add(ev.t);
      conversions++;
      const seq: string[] = [];
      for (const x of list)
        if (micros.has(x.e) && x.t < ev.t && x.t >= ev.t - windowMicros && seq.at(-1) !== x.e) seq.push(x.e);
      const key = seq.slice(-3).join(" > ");
      const c = pathCounts.get(key) ?? { n: 0, users: new Set<string>() };
      c.n++;
      c.users.add(u);
      pathCounts.set(key, c);
    }
  }
  times.sort((a, b) => a - b);
  const mid = (times.length - 1) / 2;
  const median = ((times[Math.floor(mid)] as number) + (times[Math.ceil(mid)] as number)) / 2;
  const [topKey, top] = [...pathCounts].sort((a, b) => b[1].n - a[1].n)[0] as [
    string,
    { n: number; users: Set<string> },
  ];
  return {
    converters: times.length,
    median,
    conversions,
    topPath: topKey === "" ? [] : topKey.split(" > "),
    topCount: top.n,
    topUsers: top.users.size,
  };
}
