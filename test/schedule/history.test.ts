import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockTimeoutError, withFileLock } from "../../src/schedule/file-lock.js";
import { appendHistory, parseHistory, readHistory } from "../../src/schedule/history.js";
import { entry } from "./fixtures/entry.js";

const tmp = () => mkdtempSync(join(tmpdir(), "mg-history-"));

describe("history store", () => {
  it("appends entries as JSON lines and reads them back in order", async () => {
    const path = join(tmp(), "reports", "history.jsonl"); // directory is created
    await appendHistory(path, entry("2024-01-07", [["view_pricing", "purchase", 100, 12]]));
    await appendHistory(path, entry("2024-01-14"));
    const text = readFileSync(path, "utf8");
    expect(text.split("\n")).toHaveLength(3); // two lines + final newline
    const read = readHistory(path);
    expect(read.problems).toEqual([]);
    expect(read.entries.map((e) => e.period.until)).toEqual(["2024-01-07", "2024-01-14"]);
    expect(read.entries[0].pairs[0]).toMatchObject({ micro: "view_pricing", n: 100, conversions: 12 });
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("treats a missing file as an empty history", () => {
    expect(readHistory(join(tmp(), "none.jsonl"))).toEqual({ entries: [], problems: [] });
  });

  it("reports corrupt and foreign lines with their line numbers and skips them", () => {
    const good = JSON.stringify(entry("2024-01-07"));
    const text = [good, "{not json", "", JSON.stringify({ version: 99 }), good, '{"version":1,"runAt'].join(
      "\n",
    );
    const read = parseHistory(text);
    expect(read.entries).toHaveLength(2);
    expect(read.problems).toEqual([
      { line: 2, message: "not valid JSON; skipped" },
      { line: 4, message: "unsupported version 99; skipped" },
      { line: 6, message: "not valid JSON (truncated: no line end); skipped" },
    ]);
  });

  it("fences off a line cut short by a crash, so the next append stays valid", async () => {
    const path = join(tmp(), "history.jsonl");
    await appendHistory(path, entry("2024-01-07"));
    appendFileSync(path, JSON.stringify(entry("2024-01-14")).slice(0, 40)); // crash mid-write
    await appendHistory(path, entry("2024-01-21"));
    const read = readHistory(path);
    expect(read.entries.map((e) => e.period.until)).toEqual(["2024-01-07", "2024-01-21"]);
    expect(read.problems).toEqual([{ line: 2, message: "not valid JSON; skipped" }]);
  });

  it("refuses to append an invalid entry", async () => {
    const bad = { ...entry("2024-01-07"), pairs: [{ micro: "x" }] } as never;
    await expect(appendHistory(join(tmp(), "h.jsonl"), bad)).rejects.toThrow(/pairs is malformed/);
  });

  it("recovers a lock left behind by a dead process", async () => {
    const path = join(tmp(), "history.jsonl");
    // pid 2^22+1 is above Linux's pid_max default, so it cannot be alive.
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({ pid: 4194305, host: (await import("node:os")).hostname() }),
    );
    await appendHistory(path, entry("2024-01-07"), { timeoutMs: 2000 });
    expect(readHistory(path).entries).toHaveLength(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("waits for a live holder and gives up after the timeout", async () => {
    const lock = join(tmp(), "x.lock");
    const order: string[] = [];
    const holder = withFileLock(lock, async () => {
      order.push("first");
      await new Promise((r) => setTimeout(r, 100));
      order.push("first done");
    });
    await new Promise((r) => setTimeout(r, 10));
    await expect(withFileLock(lock, () => 1, { timeoutMs: 30 })).rejects.toBeInstanceOf(LockTimeoutError);
    await withFileLock(lock, () => order.push("second"), { timeoutMs: 2000 });
    await holder;
    expect(order).toEqual(["first", "first done", "second"]);
  });

  it("keeps every line whole when several processes append at once", async () => {
    const path = join(tmp(), "history.jsonl");
    const processes = 6;
    const each = 15;
    const child = join(import.meta.dirname, "fixtures", "append-child.ts");
    const codes = await Promise.all(
      Array.from({ length: processes }, (_, id) => {
        const p = spawn(process.execPath, ["--import", "tsx", child, path, String(id), String(each)], {
          stdio: ["ignore", "ignore", "inherit"],
        });
        return new Promise<number | null>((resolve) => p.on("exit", resolve));
      }),
    );
    expect(codes).toEqual(Array(processes).fill(0));
    const text = readFileSync(path, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const read = parseHistory(text);
    expect(read.problems).toEqual([]);
    expect(read.entries).toHaveLength(processes * each);
    expect(text.split("\n").length - 1).toBe(processes * each);
    const micros = new Set(read.entries.map((e) => e.pairs[0].micro));
    expect(micros.size).toBe(processes * each);
  });
});
