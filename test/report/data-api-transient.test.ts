// Data API calls through the official clients against the emulator with queued faults: a reset
// connection or a 5xx is tried again and the report equals the one without faults; quota answers
// (429) and faults that outlast the tries fail as one line.
import { describe, expect, it } from "vitest";
import { EmulatorControl } from "../../src/emulator/control-client.js";
import { UserError } from "../../src/errors.js";
import { planReport } from "../../src/report/query-plan.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { DATA_API_ATTEMPTS } from "../../src/report/sources/data-api/transient-failure.js";
import { dataApiFixture } from "./data-api-fixture.js";
import { generate, type PairTruth, projectFor, RANGE } from "./synthetic.js";

const truth: PairTruth[] = [
  { micro: "add_to_cart", macro: "purchase", microShare: 0.3, rateAfter: 0.3, baseline: 0.05 },
];
const project = projectFor(truth, []);
const api = dataApiFixture(generate(truth, 500, 3));
const fetch = () =>
  fetchReportInput(planReport(project), {
    propertyId: "400000001",
    dateRange: RANGE,
    clients: api.clients(),
  });

describe("Data API transient failures", () => {
  it("a dropped connection and 5xx answers are tried again: the same report as without them", async () => {
    const total = () => api.emulator().requestCounts().total;
    const t0 = total();
    const clean = await fetch();
    const cleanRequests = total() - t0;
    const control = new EmulatorControl(api.emulator().url);
    await control.queueFault({ kind: "drop", count: 2, pattern: "batchRunReports" });
    await control.queueFault({ kind: "http503", count: 1, pattern: "runFunnelReport" });
    await control.queueFault({ kind: "http500", count: 1, pattern: "runFunnelReport" });
    const t1 = total();
    const retried = await fetch();
    expect({ ...retried, cost: undefined }).toEqual({ ...clean, cost: undefined });
    // Every faulted request was answered (or dropped) and sent again: four more than without faults.
    expect(total() - t1).toBe(cleanRequests + 4);
  });

  it("a quota answer fails at once; a fault that outlasts the tries fails as one line", async () => {
    const control = new EmulatorControl(api.emulator().url);
    await control.queueFault({ kind: "http429", count: 1, pattern: "batchRunReports" });
    const quota = await fetch().catch((e: unknown) => e);
    expect(quota).toBeInstanceOf(UserError);
    expect((quota as Error).message).toMatch(/^GA4 Data API batchRunReports failed \(code 429\)/);
    await control.queueFault({ kind: "http503", count: DATA_API_ATTEMPTS, pattern: "batchRunReports" });
    const lasting = await fetch().catch((e: unknown) => e);
    expect((lasting as Error).message).toMatch(/^GA4 Data API batchRunReports failed \(code 503\)/);
    expect((lasting as Error).message.split("\n")).toHaveLength(1);
  });
});
