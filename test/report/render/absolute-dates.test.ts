// Item: a report names its days ("2026-10-31 → 2026-11-27"), in every format, resolved in the
// property's time zone as GA4 resolves them. Through the official Data API client against the
// emulator, which reports the property's time zone in each response's metadata, as GA4 does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../../src/emulator/server.js";
import { absoluteDateRange, dayIn } from "../../../src/report/absolute-date-range.js";
import { FORMATS } from "../../../src/report/render/format.js";
import { runReport } from "../../../src/report/run-report.js";
import { type DataClients, dataClients } from "../../../src/report/sources/data-api/clients.js";
import { testInput, testProject } from "../fixture.js";

// 03:00 UTC on 28 November is still 27 November in Los Angeles.
const NOW = new Date("2026-11-28T03:00:00Z");

describe("absolute dates", () => {
  let emulator: Emulator;
  let clients: DataClients;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: { now: NOW, timeZone: "America/Los_Angeles" } });
    clients = await dataClients({ endpoint: emulator.url });
  });
  afterAll(async () => {
    await clients?.close();
    await emulator?.close();
  });

  it.each(FORMATS)("%s prints the calendar days of the range, not 28daysAgo → today", async (format) => {
    const { analysis, output } = await runReport({
      project: testProject(),
      clients,
      since: "27daysAgo",
      until: "today",
      now: () => NOW,
      format,
    });
    expect(analysis.dateRange).toEqual({
      since: "2026-10-31",
      until: "2026-11-27",
      timeZone: "America/Los_Angeles",
    });
    expect(output).not.toMatch(/daysAgo|today/);
    if (format === "json") expect(JSON.parse(output).dateRange.since).toBe("2026-10-31");
    else if (format === "csv") expect(output).not.toContain("27daysAgo");
    else expect(output).toContain("2026-10-31 → 2026-11-27");
  });

  it("resolves in UTC when the source names no time zone, and keeps absolute dates as they are", () => {
    expect(absoluteDateRange({ since: "28daysAgo", until: "yesterday" }, NOW)).toEqual({
      since: "2026-10-31",
      until: "2026-11-27",
      timeZone: "UTC",
    });
    expect(absoluteDateRange({ since: "2026-01-01", until: "2026-01-31" }, NOW, "Asia/Tokyo")).toEqual({
      since: "2026-01-01",
      until: "2026-01-31",
    });
    expect(testInput().dateRange.since).toBe("28daysAgo"); // the fixture itself stays relative
    // not a day of the calendar: kept as written, as resolveDate refuses it
    expect(absoluteDateRange({ since: "2026-02-30", until: "yesterday" }, NOW)).toEqual({
      since: "2026-02-30",
      until: "2026-11-27",
      timeZone: "UTC",
    });
  });

  it("finds UTC's day without Intl, as Intl finds it, either side of midnight", () => {
    const intl = (now: Date) => {
      const p = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", dateStyle: "short" }).format(now);
      return new Date(`${p}T00:00:00Z`);
    };
    for (const at of [
      "2026-11-27T23:59:59.999Z",
      "2026-11-28T00:00:00Z",
      "2024-02-29T12:00:00Z",
      "1999-12-31T23:00:00Z",
    ]) {
      expect(dayIn(new Date(at), "UTC")).toEqual(intl(new Date(at)));
    }
    expect(dayIn(new Date("2026-11-28T03:00:00Z"), "America/Los_Angeles")).toEqual(
      new Date("2026-11-27T00:00:00Z"),
    );
  });
});
