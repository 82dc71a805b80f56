// A failed Data API call becomes one user error whose text never carries a token or key.
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { planReport } from "../../src/report/query-plan.js";
import type { DataClients } from "../../src/report/sources/data-api/clients.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { testProject } from "./fixture.js";

const failing = (message: string): DataClients => ({
  batchRunReports: async () => {
    throw Object.assign(new Error(message), { code: 16 });
  },
  runFunnelReport: async () => {
    throw Object.assign(new Error(message), { code: 16 });
  },
  close: async () => {},
});

describe("Data API errors", () => {
  it("are redacted user errors", async () => {
    const err = await fetchReportInput(planReport(testProject()), {
      propertyId: "1",
      dateRange: { since: "2024-01-01", until: "2024-01-31" },
      clients: failing("UNAUTHENTICATED: sent Authorization: Bearer ya29.c.secretToken for user"),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const message = (err as UserError).message;
    expect(message).toMatch(/^GA4 Data API (batchRunReports|runFunnelReport) failed \(code 16\)/);
    expect(message).not.toContain("secretToken");
    expect(message).toContain("[redacted");
  });
});
