// The adjusted effect on the Data API path: confounded traffic (a latent intent drives first
// medium, device and both propensities) in the emulator, read through the official clients. The
// Mantel–Haenszel ratio over deviceCategory × newVsReturning × firstUserDefaultChannelGroup strata
// moves the confounded no-effect goal towards no effect, is labelled with what it cannot adjust
// for in every format, and costs no extra funnel request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import {
  type ConfoundedTruth,
  generateConfoundedTraffic,
} from "../../src/emulator/traffic/confounded-generate.js";
import { analyze } from "../../src/report/analyze.js";
import type { ReportInput } from "../../src/report/model.js";
import { render } from "../../src/report/render/format.js";
import { type DataClients, dataClients } from "../../src/report/sources/data-api/clients.js";
import { dataApiReportSource } from "../../src/report/sources/data-api/data-api-source.js";
import { MH_METHOD, NOT_ADJUSTED_FOR } from "../../src/report/sources/data-api/strata-effects.js";
import type { ReportRequest } from "../../src/report/sources/report-source.js";
import { confoundedProject } from "../effects/confounded-project.js";

const PROPERTY = "777";
const project = confoundedProject();
const request: ReportRequest = {
  project,
  propertyId: PROPERTY,
  since: "2026-01-01",
  until: "2026-02-25",
  now: new Date("2026-03-01T00:00:00Z"),
};
let emulator: Emulator;
let clients: DataClients;
let truth: ConfoundedTruth;
let input: ReportInput;
let requests: { adjusted: number; crude: number; funnels: { adjusted: number; crude: number } };

const funnelCalls = () =>
  Object.entries(emulator.requestCounts().byRoute)
    .filter(([route]) => route.includes("runFunnelReport"))
    .reduce((n, [, k]) => n + k, 0);

beforeAll(async () => {
  const g = generateConfoundedTraffic(project, {
    seed: 42,
    startDate: "2026-01-01",
    days: 56,
    users: 4000,
    propertyId: PROPERTY,
  });
  truth = g.truth;
  emulator = await startEmulator({
    port: 0,
    exactCounts: true,
    data: { now: new Date("2026-03-01T00:00:00Z") },
  });
  emulator.events.appendBatch(g.events);
  clients = await dataClients({ endpoint: emulator.url });
  // the crude report as `report --no-adjust` asks for it (ReportRequest.adjust)
  const measure = async (adjust: boolean) => {
    const [total, funnels] = [emulator.requestCounts().total, funnelCalls()];
    const got = await (await dataApiReportSource({ clients, counting: "exact" })).read({
      ...request,
      adjust,
    });
    return { got, requests: emulator.requestCounts().total - total, funnels: funnelCalls() - funnels };
  };
  const crude = await measure(false);
  const adjusted = await measure(true);
  input = adjusted.got;
  requests = {
    adjusted: adjusted.requests,
    crude: crude.requests,
    funnels: { adjusted: adjusted.funnels, crude: crude.funnels },
  };
  expect(adjusted.got.pairs).toEqual(crude.got.pairs);
  expect(crude.got.adjusted).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const ln = Math.log;

describe("Mantel–Haenszel adjusted effect on the Data API path", () => {
  it("costs no extra funnel and at most one more batch", () => {
    console.log(`requests: crude ${requests.crude}, with the adjusted effect ${requests.adjusted}`);
    expect(requests.funnels.adjusted).toBe(requests.funnels.crude);
    expect(requests.adjusted - requests.crude).toBeLessThanOrEqual(1);
  });

  it("fills every secondary pair, labelled, naming what it cannot adjust for", () => {
    expect(input.adjusted?.map((a) => a.microId).sort()).toEqual(
      ["fair_driver", "fair_noop", "no_effect", "strong_driver"].sort(),
    );
    for (const a of input.adjusted ?? []) {
      expect(a.effect.method).toBe(MH_METHOD);
      expect(a.effect.notAdjustedFor).toEqual(NOT_ADJUSTED_FOR);
      expect(a.effect.status).toBe("ok");
      expect(a.effect.lift.low!).toBeLessThan(a.effect.lift.relative!);
      expect(a.effect.lift.high!).toBeGreaterThan(a.effect.lift.relative!);
    }
  });

  it("moves the confounded no-effect goal towards no effect", () => {
    const adj = input.adjusted!.find((a) => a.microId === "no_effect")!.effect;
    const crude = truth.pairs.find((p) => p.micro === "no_effect")!.crudeRiskRatio!;
    const rr = 1 + adj.lift.relative!;
    console.log(`no_effect: crude RR ${crude.toFixed(3)}, MH RR ${rr.toFixed(3)}`);
    expect(Math.abs(ln(rr))).toBeLessThan(Math.abs(ln(crude)));
  });

  it("shows crude and adjusted side by side in every format", () => {
    const a = analyze(project, input);
    for (const format of ["table", "md"] as const) {
      const out = render(a, format, { width: 120 });
      expect(out).toContain("Mantel–Haenszel");
      expect(out).toContain(format === "md" ? "Not adjusted for" : "not adjusted for");
    }
    const json = JSON.parse(render(a, "json"));
    expect(json.pairs.find((p: { microId: string }) => p.microId === "no_effect").adjusted.method).toBe(
      MH_METHOD,
    );
    expect(render(a, "csv")).toContain("Mantel–Haenszel");
    // HTML shows the adjusted column beside the crude one, as on the export path.
    expect(render(a, "html")).toMatch(/Adjusted \[95% CI\][\s\S]*\+44% \[\+6%, \+95%\]/);
  });
});
