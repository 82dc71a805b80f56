// The export path on confounded traffic: the generator writes GA4-export NDJSON, `report --source
// files` reads it with DuckDB, and its exposure extraction equals the in-memory reference, so the
// adjusted effects of the files path are the estimator's and cover the generator's truth.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfoundedTruth } from "../../src/emulator/traffic/confounded-generate.js";
import { generateConfoundedTraffic } from "../../src/emulator/traffic/confounded-generate.js";
import { writeExportNdjson } from "../../src/emulator/traffic/export-rows.js";
import { analyze } from "../../src/report/analyze.js";
import { type Category, categoryOf, categoryValues } from "../../src/report/effects/category.js";
import { journeysFromEvents } from "../../src/report/effects/event-journeys.js";
import type { SessionHistory } from "../../src/report/effects/session-history.js";
import type { ReportInput } from "../../src/report/model.js";
import { render } from "../../src/report/render/format.js";
import { duckdb } from "../../src/report/sources/export/dialect.js";
import { exportQuery } from "../../src/report/sources/export/export-query.js";
import {
  exposureFirstsSql,
  exposureSessionsSql,
  firstTimeColumns,
} from "../../src/report/sources/export/exposure-query.js";
import { firstTimesOf, sessionHistoryOf } from "../../src/report/sources/export/read-exposure.js";
import { openExportFiles } from "../../src/report/sources/files/export-files.js";
import { filesReport } from "../../src/report/sources/files/files-source.js";
import { confoundedProject } from "./confounded-project.js";

const dir = mkdtempSync(join(tmpdir(), "confounded-export-"));
const project = confoundedProject();
const START = "2026-01-01";
const DAYS = 56;
let truth: ConfoundedTruth;
let events: ReturnType<typeof generateConfoundedTraffic>["events"];
let input: ReportInput;

beforeAll(async () => {
  const g = generateConfoundedTraffic(project, { seed: 42, startDate: START, days: DAYS, users: 4000 });
  truth = g.truth;
  events = g.events;
  await writeExportNdjson(events, dir);
  input = await filesReport(project, {
    files: join(dir, "*.json"),
    since: "2026-01-01",
    until: "2026-02-25",
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reference's users renumbered in the order of their keys (hi, lo per user index), rows regrouped. */
function inKeyOrder(ref: ReturnType<typeof journeysFromEvents>, hi: number[], lo: number[]) {
  const h = ref.history;
  const users = Array.from({ length: h.users }, (_, u) => u).sort(
    (a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]!,
  );
  const rank = new Int32Array(h.users);
  users.forEach((u, i) => {
    rank[u] = i;
  });
  const rows = Array.from({ length: h.user.length }, (_, r) => r).sort(
    (a, b) => rank[h.user[a]!]! - rank[h.user[b]!]! || a - b,
  );
  const pick = (col: ArrayLike<number>) => Float64Array.from(rows, (r) => col[r]!);
  const inRowOrder = (c: Category) => {
    const values = categoryValues(c);
    return categoryOf(rows.map((r) => values[r]!));
  };
  const history: SessionHistory = {
    user: Int32Array.from(rows, (r) => rank[h.user[r]!]!),
    users: h.users,
    start: pick(h.start),
    sessionsSoFar: pick(h.sessionsSoFar),
    pageViewsSoFar: pick(h.pageViewsSoFar),
    eventsSoFar: pick(h.eventsSoFar),
    engagedSecondsSoFar: pick(h.engagedSecondsSoFar),
    daysSinceFirstVisit: pick(h.daysSinceFirstVisit),
    device: inRowOrder(h.device),
    firstMedium: inRowOrder(h.firstMedium),
    firstSource: inRowOrder(h.firstSource),
    landingPage: inRowOrder(h.landingPage),
  };
  const firstTime = new Map(
    [...ref.firstTime].map(([goal, times]) => [goal, Float64Array.from(users, (u) => times[u]!)]),
  );
  return { history, firstTime, keys: users.flatMap((u) => [hi[u]!, lo[u]!]) };
}

describe("confounded traffic through the GA4-export files", () => {
  it.each(["rank", "hash"] as const)(
    "extracts the same per-session history and first goal times as the in-memory reference (%s keys)",
    async (key) => {
      const instance = await DuckDBInstance.create(":memory:");
      const conn = await instance.connect();
      try {
        const files = await openExportFiles(conn, join(dir, "*.json"));
        const { query } = exportQuery(project, { since: "2026-01-01", until: "2026-02-25" });
        const cols = async (sql: string) => (await conn.runAndReadAll(sql)).getColumnsObjectJS();
        const { history, keys } = sessionHistoryOf(
          await cols(exposureSessionsSql(query, files.source, duckdb, key)),
        );
        const firsts = firstTimesOf(
          await cols(exposureFirstsSql(query, files.source, duckdb, key)),
          firstTimeColumns(query),
          keys,
        );
        const t0 = Date.parse(`${START}T00:00:00Z`) / 1000;
        const byId = journeysFromEvents(
          events,
          project.goals.map((g) => ({ id: g.id, event: g.event })),
          t0,
          t0 + DAYS * 86400,
        );
        // Users are numbered in the order of their keys: rank keys keep the ids' order; for hash
        // keys the reference (users in id order) is put in the order of hash(user id).
        const ids = [...new Set(events.map((e) => e.userId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const hashed =
          key === "rank"
            ? { hi: ids.map(() => 0), lo: ids.map((_, i) => i) }
            : await cols(
                `SELECT CAST(hash(id) >> 32 AS DOUBLE) AS hi, CAST(hash(id) & 4294967295 AS DOUBLE) AS lo FROM (VALUES ${ids
                  .map((id, i) => `('${id.replaceAll("'", "''")}', ${i})`)
                  .join(", ")}) v(id, i) ORDER BY i`,
              );
        const ref = inKeyOrder(byId, hashed.hi as number[], hashed.lo as number[]);
        expect([...keys]).toEqual(ref.keys);
        expect(history.users).toBe(ref.history.users);
        expect([...history.user]).toEqual([...ref.history.user]);
        expect([...history.start]).toEqual([...ref.history.start]);
        for (const k of ["sessionsSoFar", "pageViewsSoFar", "eventsSoFar", "daysSinceFirstVisit"] as const)
          expect([...history[k]], k).toEqual([...ref.history[k]]);
        const eng = [...history.engagedSecondsSoFar].map((x, i) =>
          Math.abs(x - ref.history.engagedSecondsSoFar[i]!),
        );
        expect(Math.max(...eng)).toBeLessThan(1e-6);
        expect(categoryValues(history.device)).toEqual(categoryValues(ref.history.device));
        expect(categoryValues(history.firstMedium)).toEqual(categoryValues(ref.history.firstMedium));
        expect(categoryValues(history.firstSource)).toEqual(categoryValues(ref.history.firstSource));
        expect(categoryValues(history.landingPage)).toEqual(categoryValues(ref.history.landingPage));
        for (const g of project.goals)
          expect([...firsts.get(g.id)!], g.id).toEqual([...ref.firstTime.get(g.id)!]);
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    },
  );

  it("reports crude and adjusted for every secondary pair; adjusted intervals hold the truth", () => {
    const a = analyze(project, input);
    expect(a.pairs.map((p) => p.adjusted?.status)).toEqual(["ok", "ok", "ok", "ok"]);
    const noEffect = a.pairs.find((p) => p.microId === "no_effect")!;
    expect(noEffect.significant).toBe(true); // crude: fooled by intent
    expect(noEffect.adjusted!.significant).toBe(false);
    for (const p of a.pairs) {
      const t = truth.pairs.find((x) => x.micro === p.microId)!.causalRiskRatio!;
      const l = p.adjusted!.lift;
      expect(1 + l.low!, p.microId).toBeLessThanOrEqual(t);
      expect(1 + l.high!, p.microId).toBeGreaterThanOrEqual(t);
      expect(p.adjusted!.eValue.point).toBeGreaterThanOrEqual(1);
      expect(p.adjusted!.incidence.map((x) => x.days)).toEqual([1, 7, 14, 28]);
    }
    const json = JSON.parse(render(a, "json"));
    expect(Object.keys(json.pairs[0].adjusted)).toEqual(
      expect.arrayContaining(["lift", "method", "n", "eValue", "status"]),
    );
    for (const format of ["table", "md", "html"] as const) {
      const out = render(a, format);
      expect(out, format).toMatch(/adjusted/i);
      expect(out, format).not.toMatch(/NaN|Infinity/);
    }
    expect(render(a, "html")).toContain('class="chart dumbbell"');
    expect(render(a, "csv").split("\r\n")[0]).toContain("adjusted_lift");
  });
});
