// Disk faults around the history and the report file: a full disk while taking the history lock,
// --history naming a device or FIFO, --out on a full disk. Each ends in a readable error, never an
// abort, a bug report (exit 70) or a lock that blocks the next runs.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FileReadLimitError } from "../../src/bounded-read.js";
import {
  appendHistory,
  MAX_HISTORY_BYTES,
  readHistory,
  readHistoryTolerant,
} from "../../src/schedule/history.js";
import { exportDir } from "../export/merch-project.js";
import { cliEntry } from "../support/cli-entry.js";
import { entry } from "./fixtures/entry.js";

const root = resolve(import.meta.dirname, "../..");
const tmp = () => mkdtempSync(join(tmpdir(), "mg-disk-"));
const run = promisify(execFile);

/**
 * Runs module code in a child whose file-size limit is `kib` KiB: a write past it fails (EFBIG)
 * after the file was created, the shape of a disk that fills up mid-write (ENOSPC).
 */
async function withFileSizeLimit(kib: number, code: string): Promise<string> {
  const { stdout } = await run(
    "bash",
    ["-c", `ulimit -f ${kib}; exec "$0" --import tsx --input-type=module -e "$1"`, process.execPath, code],
    { cwd: root },
  );
  return stdout.trim();
}

const cli = (args: string[]) =>
  run(process.execPath, [...cliEntry(), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", MICROGOALS_WEBHOOK_URL: "" },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
const exportReport = ["report", join(root, "examples/merch-store"), "--source", "files"];
const exportFiles = ["--files", `${exportDir}/*.parquet`, "--allow-gaps"];

describe("history lock on a full disk", () => {
  it("leaves no empty lock behind, so the next run appends at once", async () => {
    const path = join(tmp(), "history.jsonl");
    const history = JSON.stringify(join(root, "src/schedule/history.ts"));
    const fixture = JSON.stringify(join(root, "test/schedule/fixtures/entry.ts"));
    const out = await withFileSizeLimit(
      0,
      `const { appendHistory } = await import(${history});
       const { entry } = await import(${fixture});
       await appendHistory(${JSON.stringify(path)}, entry("2024-01-07")).then(() => console.log("written"), (e) => console.log(e.code));`,
    );
    expect(out).toBe("EFBIG");
    expect(existsSync(`${path}.lock`)).toBe(false);
    await appendHistory(path, entry("2024-01-14"), { timeoutMs: 0 });
    expect(readHistory(path).entries.map((e) => e.period.until)).toEqual(["2024-01-14"]);
  });
});

describe("--history that is not a regular file", () => {
  it("refuses a device with endless reads instead of reading it whole", () => {
    expect(() => readHistory("/dev/zero")).toThrow(FileReadLimitError);
    expect(() => readHistory("/dev/zero")).toThrow("/dev/zero is not a regular file");
    expect(readHistoryTolerant("/dev/zero").problems).toEqual([
      { line: 0, message: "cannot read the history: /dev/zero is not a regular file" },
    ]);
  });

  it("does not hang on a FIFO nobody writes to", () => {
    const fifo = join(tmp(), "history.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(() => readHistory(fifo)).toThrow("is not a regular file");
  });

  it("caps the size read", () => {
    const path = join(tmp(), "history.jsonl");
    writeFileSync(path, "");
    truncateSync(path, MAX_HISTORY_BYTES + 1); // sparse: costs no disk
    expect(() => readHistory(path)).toThrow(/larger than 256 MiB/);
  });

  it("never appends to a device", async () => {
    await expect(appendHistory("/dev/null", entry("2024-01-07"))).rejects.toThrow("not a regular file");
  });

  it("keeps the report when --history is /dev/zero: warning, report printed, exit 1", async () => {
    const r = await cli([...exportReport, ...exportFiles, "--history", "/dev/zero"]);
    expect(r.stderr).not.toMatch(/bad_alloc|internal error| {4}at /);
    expect(r.stderr).toContain("/dev/zero is not a regular file");
    expect(r.stdout).toContain("Which small steps matter most");
    expect(r.code).toBe(1);
  });
});

describe("--out on a full disk", () => {
  it("is a user error with a hint (exit 1), not a bug", async () => {
    const r = await cli([...exportReport, ...exportFiles, "--out", "/dev/full"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot write the report to /dev/full: no space left on the device");
    expect(r.stderr).toMatch(/free some space/);
    // The computed report is not lost: the error says where it was kept.
    expect(r.stderr).toMatch(/The report was kept in \S+/);
    expect(r.stderr).not.toMatch(/internal error|a bug/);
  });

  it("keeps the previous report whole when the new one cannot be written", async () => {
    const path = join(tmp(), "report.html");
    writeFileSync(path, "previous report\n");
    const write = JSON.stringify(join(root, "src/files/write-report.ts"));
    const out = await withFileSizeLimit(
      1,
      `const { writeReport } = await import(${write});
       await writeReport(${JSON.stringify(path)}, "x".repeat(64 * 1024)).then(() => console.log("written"), (e) => console.log(e.name, e.exitCode, e.message));`,
    );
    expect(out).toMatch(/^UserError 1 cannot write the report to .*report\.html: file too large/);
    expect(readFileSync(path, "utf8")).toBe("previous report\n");
  });
});

describe("any command writing to a full disk", () => {
  it("export --out /dev/full: one line, a hint, exit 1", async () => {
    const r = await cli(["export", root, "--out", "/dev/full"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^microgoals: cannot write the container export to \/dev\/full: no space left on the device.*\n {2}The disk is full: free some space/,
    );
    expect(r.stderr).not.toMatch(/internal error|a bug/);
  });
});
