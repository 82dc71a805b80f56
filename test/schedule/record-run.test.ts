import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAlertRules } from "../../src/schedule/alert-rule.js";
import { appendHistory, readHistory } from "../../src/schedule/history.js";
import { recordRun } from "../../src/schedule/record-run.js";
import { entry } from "./fixtures/entry.js";

const before = entry("2024-01-07", [["view_pricing", "purchase", 2000, 300]]);
const after = entry("2024-01-14", [["view_pricing", "purchase", 2000, 200]]);

async function failingServer() {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      bodies.push(JSON.parse(body));
      res.statusCode = 503;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, bodies, close: () => new Promise((r) => server.close(r)) };
}

describe("recordRun", () => {
  it("alerts against the previous period, appends the entry, and survives a failing webhook", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mg-record-")), "history.jsonl");
    await appendHistory(path, before);
    const hook = await failingServer();
    const log: string[] = [];
    try {
      const result = await recordRun({
        entry: after,
        historyPath: path,
        rules: parseAlertRules(["drop>=20%"]),
        webhookUrl: hook.url,
        webhook: { retries: 1, backoffMs: 1 },
        log: (l) => log.push(l),
      });
      expect(result.previous).toEqual(before);
      expect(result.alerts.map((a) => a.subject)).toEqual(["view_pricing → purchase"]);
      expect(result.historyWritten).toBe(true);
      expect(result.webhook).toMatchObject({ ok: false, attempts: 2, status: 503 });
      expect(result.exitCode).toBe(3);
      expect(readHistory(path).entries).toEqual([before, after]);
      expect(hook.bodies[0]).toMatchObject({ text: expect.stringMatching(/1 alert/) });
      expect(log.some((l) => l.startsWith("alert: view_pricing → purchase fell"))).toBe(true);
      expect(
        log.some((l) =>
          /^warning: webhook http:\/\/127\.0\.0\.1:\d+ failed after 2 attempt\(s\): HTTP 503$/.test(l),
        ),
      ).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it("exits 0 without alerts and reports skipped history lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-record-"));
    const path = join(dir, "history.jsonl");
    await appendHistory(path, before);
    const { appendFileSync } = await import("node:fs");
    appendFileSync(path, "garbage\n");
    const log: string[] = [];
    const result = await recordRun({
      entry: before,
      historyPath: path,
      rules: parseAlertRules(["drop>=20%"]),
      log: (l) => log.push(l),
    });
    expect(result.exitCode).toBe(0);
    expect(result.historyProblems).toEqual([`${path}:2: not valid JSON; skipped`]);
    expect(log).toEqual([`warning: ${path}:2: not valid JSON; skipped`]);
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(3);
  });

  it("still notifies when the history cannot be written, and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-record-"));
    const path = join(dir, "history.jsonl");
    mkdirSync(path); // a directory where the file should be
    const hook = await failingServer();
    try {
      const result = await recordRun({
        entry: after,
        historyPath: path,
        webhookUrl: hook.url,
        webhook: { retries: 0 },
        log: () => {},
      });
      expect(result.historyWritten).toBe(false);
      expect(result.historyError).toMatch(/history\.jsonl is not a regular file/);
      expect(result.historyProblems).toEqual([
        expect.stringMatching(
          /history\.jsonl: cannot read the history: .*history\.jsonl is not a regular file/,
        ),
      ]);
      expect(hook.bodies).toHaveLength(1);
      expect(result.exitCode).toBe(1);
    } finally {
      await hook.close();
    }
  });
});
