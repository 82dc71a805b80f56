// End to end: the real report pipeline (official Data API clients → emulator on port 0) run for two
// consecutive periods; the second period's micro→macro rate halves, which must raise an alert,
// land in the history, chart in the HTML, and reach the webhook — in that order of durability.

import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { analyze } from "../../src/report/analyze.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { readHistory } from "../../src/schedule/history.js";
import { reportWithHistory } from "../../src/schedule/report-with-history.js";
import { testInput, testProject } from "../report/fixture.js";
import { DAY, generate, projectFor, RANGE } from "../report/synthetic.js";

const NEXT = { since: "2024-05-29", until: "2024-06-25" };
const truth = (rateAfter: number) => [
  { micro: "add_to_cart", macro: "purchase", microShare: 0.3, rateAfter, baseline: 0.05 },
];

describe("reportWithHistory against the emulator", () => {
  let emulator: Emulator;
  const hooks: { text: string }[] = [];
  let hookUrl = "";
  let closeHook: () => Promise<unknown>;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: { now: new Date("2024-07-01T00:00:00Z") } });
    emulator.events.appendBatch(generate(truth(0.3), 1500, 7));
    // The next four weeks: new users, half the conversion rate after add_to_cart.
    const later = generate(truth(0.15), 1500, 8).map((e) => ({
      ...e,
      userId: `next-${e.userId}`,
      timestampMicros: e.timestampMicros + 28 * DAY,
    }));
    emulator.events.appendBatch(later);
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        hooks.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    closeHook = () => new Promise((r) => server.close(r));
  });
  afterAll(async () => {
    await emulator?.close();
    await closeHook?.();
  });

  it("alerts on the drop, keeps the history, charts the trend, and notifies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-rwh-"));
    const historyPath = join(dir, "reports", "history.jsonl");
    const project = projectFor(truth(0.3));
    project.report.alerts = ["drop>=20%"];
    const common = { project, endpoint: emulator.url, historyPath, webhookUrl: hookUrl, log: () => {} };

    const first = await reportWithHistory({
      ...common,
      ...RANGE,
      format: "json",
      out: join(dir, "reports", "first.json"),
      now: () => new Date("2024-05-29T07:00:00Z"),
    });
    expect(first.record.previous).toBeUndefined();
    expect(first.record.exitCode).toBe(0);

    const out = join(dir, "reports", "latest.html");
    const second = await reportWithHistory({
      ...common,
      ...NEXT,
      format: "html",
      out,
      now: () => new Date("2024-06-26T07:00:00Z"),
    });
    expect(second.record.previous?.period).toEqual(RANGE);
    expect(second.record.alerts.map((a) => a.subject)).toEqual(["add_to_cart → purchase"]);
    expect(second.record.alerts[0].before.rate).toBeGreaterThan(0.25);
    expect(second.record.alerts[0].after.rate).toBeLessThan(0.2);
    expect(second.record.exitCode).toBe(3);

    const history = readHistory(historyPath);
    expect(history.problems).toEqual([]);
    expect(history.entries.map((e) => e.period)).toEqual([RANGE, NEXT]);
    expect(history.entries[1].pairs[0]).toMatchObject({ micro: "add_to_cart", macro: "purchase" });
    // The HTML report received the first run as its trend history.
    expect(second.analysis.history).toHaveLength(1);
    expect(second.analysis.history[0].at).toBe(RANGE.until);
    expect(readFileSync(out, "utf8")).toBe(second.output);
    expect(hooks.map((h) => h.text.split("\n")[0])).toEqual([
      `microgoals report: Test Store (staging): no significant changes (${RANGE.since} – ${RANGE.until})`,
      `microgoals report: Test Store (staging): 1 alert (${NEXT.since} – ${NEXT.until})`,
    ]);
  });

  it("rejects a bad --alert-on rule before calling the API", async () => {
    let called = false;
    await expect(
      reportWithHistory({
        project: projectFor(truth(0.3)),
        alertOn: ["drop by 20%"],
        runReport: async () => {
          called = true;
          throw new Error("must not run");
        },
      }),
    ).rejects.toThrow(/invalid alert rule "drop by 20%"/);
    expect(called).toBe(false);
  });

  it("--summary-md writes the same run as Markdown without running the report again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-rwh-"));
    const project = testProject();
    const analysis = analyze(project, testInput(), { generatedAt: "2024-03-10T08:00:00Z" });
    let runs = 0;
    const result = await reportWithHistory({
      project,
      format: "html",
      out: join(dir, "latest.html"),
      summaryMd: join(dir, "summary", "latest.md"),
      log: () => {},
      runReport: async () => {
        runs++;
        return { analysis, output: "<html>report</html>" };
      },
    });
    expect(runs).toBe(1);
    expect(result.record.exitCode).toBe(0);
    expect(readFileSync(join(dir, "latest.html"), "utf8")).toBe("<html>report</html>");
    expect(readFileSync(join(dir, "summary", "latest.md"), "utf8")).toBe(renderMarkdown(analysis));
  });
});
