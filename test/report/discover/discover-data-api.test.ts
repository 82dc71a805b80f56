// Discover through the GA4 Data API: planted traffic loaded into the emulator, read by the official
// clients. It finds the planted event and page drivers, its counts equal the files source's for
// the same candidates on the same data, and it refuses a search above --max-tokens.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExport } from "../../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../../src/emulator/server.js";
import { loadProjectFromStrings } from "../../../src/project/load.js";
import type { HalfCounts } from "../../../src/report/discover/candidate.js";
import { discover } from "../../../src/report/discover/run-discover.js";
import { projectRules } from "../../../src/report/rules/index.js";
import { type DataClients, dataClients } from "../../../src/report/sources/data-api/clients.js";
import { dataApiDiscoverCounts } from "../../../src/report/sources/data-api/discover-counts.js";
import { discoverCounts } from "../../../src/report/sources/files/discover-counts.js";
import { writePlantedTraffic } from "./planted-traffic.js";

const files = {
  "microgoals.yaml": `version: 1
name: Planted
default_target: t
targets:
  t:
    gtm: { account: "1", container: "1", workspace: microgoals }
    ga4: { property: "400000001", measurement_id: G-TEST000001 }
report: { window: 7d, min_users: 30 }
`,
  "goals/site.yaml": `goals:
  - id: purchase
    title: Purchase
    kind: macro
    trigger:
      data_layer: { event: purchase }
`,
};
const project = loadProjectFromStrings(files, "/tmp/planted", { rules: projectRules }).project!;
const PROPERTY = "400000001";
const SINCE = "2024-05-01";
const UNTIL = "2024-05-10";

describe("discover --source ga4 against the emulator", () => {
  let emulator: Emulator;
  let clients: DataClients;
  let file: string;
  beforeAll(async () => {
    file = writePlantedTraffic(mkdtempSync(join(tmpdir(), "mg-discover-ga4-")), 11, 3000);
    // Exact user counts: the comparison with the files source is count for count (GA4 estimates them).
    emulator = await startEmulator({
      port: 0,
      exactCounts: true,
      data: { now: new Date("2024-06-01T00:00:00Z") },
    });
    await loadExport(emulator.events, file, { propertyId: PROPERTY });
    clients = await dataClients({ endpoint: emulator.url });
  }, 60_000);
  afterAll(async () => {
    await clients?.close();
    await emulator?.close();
  });
  const source = (extra: { maxTokens?: number; onCost?: (l: string) => void } = {}) => ({
    kind: "ga4" as const,
    clients,
    propertyId: PROPERTY,
    customParams: [],
    ...extra,
  });
  const range = { since: SINCE, until: UNTIL };

  it("finds the planted single-event and page drivers, and reports its cost", async () => {
    const lines: string[] = [];
    const d = await discover(project, {
      macroId: "purchase",
      source: source({ onCost: (l) => lines.push(l) }),
      ...range,
    });
    const confirmed = d.candidates.filter((c) => c.significant).map((c) => c.label);
    expect(confirmed).toContain("download_brochure");
    expect(confirmed).toContain("page_view · page_path=/pricing");
    expect(d.split).toMatch(/firstSessionDate/);
    expect(lines[0]).toMatch(/^discover: \d+ candidates .* funnel requests, about \d+ tokens/);
    expect(lines.at(-1)).toMatch(/answered \d+ requests using \d+ tokens/);
    expect(d.cost?.tokens).toBeGreaterThan(0);
    expect(d.suggestions.goals.map((g) => g.id)).toContain("download_brochure");
  }, 60_000);

  it("counts what the files source counts, candidate by candidate (both halves together)", async () => {
    const api = await dataApiDiscoverCounts({
      clients,
      propertyId: PROPERTY,
      since: SINCE,
      until: UNTIL,
      macroEvent: "purchase",
      windowSeconds: 7 * 86400,
      minUsers: 30,
      customParams: [],
    });
    const local = await discoverCounts({
      files: file,
      since: SINCE,
      until: UNTIL,
      macroEvent: "purchase",
      windowSeconds: 7 * 86400,
    });
    const sum = (a: HalfCounts, b: HalfCounts) => ({
      users: a.users + b.users,
      doers: a.doers + b.doers,
      convertedAfter: a.convertedAfter + b.convertedAfter,
      doerConverters: a.converters - a.nonDoersConverted + b.converters - b.nonDoersConverted,
      converters: a.converters + b.converters,
      convertersBefore: a.convertersBefore + b.convertersBefore,
      onlyAfterConverting: a.onlyAfterConverting + b.onlyAfterConverting,
    });
    const byKey = new Map(local.candidates.map((c) => [JSON.stringify(c.definition), c]));
    expect(api.candidates.length).toBeGreaterThan(20);
    for (const c of api.candidates) {
      const f = byKey.get(JSON.stringify(c.definition));
      expect(f, JSON.stringify(c.definition)).toBeDefined();
      expect(sum(c.discovery, c.confirmation)).toEqual(sum(f!.discovery, f!.confirmation));
    }
    // Both halves hold users (firstSessionDate spans several days), and the events agree.
    expect(api.candidates[0]!.discovery.users).toBeGreaterThan(0);
    expect(api.candidates[0]!.confirmation.users).toBeGreaterThan(0);
    expect(api.events).toBe(local.events);
    expect(api.cost.requests).toBe(api.estimate.inventory.requests + api.estimate.search.requests);
  }, 60_000);

  it("refuses a search above --max-tokens before running it, naming the figure", async () => {
    const funnels = () =>
      Object.entries(emulator.requestCounts().byRoute)
        .filter(([route]) => route.includes("runFunnelReport"))
        .reduce((n, [, k]) => n + k, 0);
    const before = funnels();
    await expect(
      discover(project, { macroId: "purchase", source: source({ maxTokens: 5 }), ...range }),
    ).rejects.toThrow(/about \d+ Data API tokens .* above --max-tokens 5; the search was not run/);
    expect(before).toBeGreaterThan(0);
    expect(funnels()).toBe(before);
  }, 60_000);
});
