// Range edges on the Data API path: converters without the micro goal who converted in the range's
// first `window` of days may have done the micro goal before `since`. The report states how many
// at most, in every format.
import { describe, expect, it } from "vitest";
import type { EventInput } from "../../src/emulator/data/event-store.js";
import { analyze } from "../../src/report/analyze.js";
import { planReport } from "../../src/report/query-plan.js";
import { FORMATS, render } from "../../src/report/render/format.js";
import { fetchReportInput } from "../../src/report/sources/data-api/source.js";
import { dataApiFixture } from "./data-api-fixture.js";
import { projectFor, RANGE } from "./synthetic.js";

const at = (iso: string) => Date.parse(iso) * 1000;
const ev = (userId: string, eventName: string, iso: string): EventInput => ({
  propertyId: "400000001",
  userId,
  sessionId: 1,
  timestampMicros: at(iso),
  eventName,
});

const events: EventInput[] = [];
for (let i = 0; i < 5; i++) {
  // micro the evening before the range, macro on its first morning: counted without the micro goal
  events.push(
    ev(`edge${i}`, "pricing", "2024-04-30T20:00:00Z"),
    ev(`edge${i}`, "signup", "2024-05-01T09:00:00Z"),
  );
}
for (let i = 0; i < 3; i++) events.push(ev(`late${i}`, "signup", "2024-05-20T09:00:00Z"));
for (let i = 0; i < 10; i++)
  events.push(ev(`m${i}`, "pricing", "2024-05-10T09:00:00Z"), ev(`m${i}`, "signup", "2024-05-11T09:00:00Z"));
for (let i = 0; i < 40; i++) events.push(ev(`v${i}`, "page_view", "2024-05-15T09:00:00Z"));

const project = projectFor([{ micro: "pricing", macro: "signup", microShare: 0, rateAfter: 0, baseline: 0 }]);
const api = dataApiFixture(events);

describe("range edge", () => {
  it("counts at most how many baseline converters converted in the first window of days", async () => {
    const input = await fetchReportInput(planReport(project), {
      propertyId: "400000001",
      dateRange: RANGE,
      clients: api.clients(),
    });
    expect(input.pairs[0]).toMatchObject({
      convertedWithoutMicro: 8,
      convertedAfterMicro: 10,
      microUsers: 10,
    });
    expect(input.caveats.rangeEdge).toEqual([
      {
        microId: "pricing",
        macroId: "signup",
        windowSeconds: 7 * 86400,
        since: "2024-05-01",
        atMost: 5,
        convertedWithoutMicro: 8,
      },
    ]);
    const a = analyze(project, input);
    for (const format of FORMATS) {
      const out = render(a, format);
      expect(out, format).toContain(
        "Range edge: up to 5 of the 8 users counted as converting to signup without pricing",
      );
      expect(out, format).toContain("before 2024-05-01");
    }
  });
});
