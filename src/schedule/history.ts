// The history file: JSON Lines, one HistoryEntry per report run. Appends take a lock file so two
// concurrent runs never interleave bytes (O_APPEND alone is not a guarantee for large writes), and
// write the whole line in one go; a line a crash cut short is fenced off by a newline before the
// next append, so it can only ever spoil itself. Reading never fails on a bad line: it is reported
// with its line number and skipped.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { readBoundedText } from "../bounded-read.js";
import { type LockOptions, withFileLock } from "./file-lock.js";
import { type HistoryEntry, historyEntryProblem } from "./history-entry.js";

/** Years of weekly runs fit in a few MB; past this, start a new file (the old one stays readable). */
export const MAX_HISTORY_BYTES = 256 << 20;

export interface HistoryProblem {
  line: number; // 1-based; 0 when the problem concerns the whole file
  message: string;
}

export interface HistoryRead {
  entries: HistoryEntry[];
  problems: HistoryProblem[];
}

export async function appendHistory(path: string, entry: HistoryEntry, options?: LockOptions): Promise<void> {
  const problem = historyEntryProblem(entry);
  if (problem) throw new Error(`refusing to append an invalid history entry: ${problem}`);
  const line = Buffer.from(`${JSON.stringify(entry)}\n`, "utf8");
  refuseSpecialFile(path);
  mkdirSync(dirname(path), { recursive: true });
  await withFileLock(`${path}.lock`, () => appendLine(path, line), options);
}

/** A device or FIFO as --history would swallow entries (/dev/null) or never end (/dev/zero). */
function refuseSpecialFile(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return; // missing: it is created
  }
  if (!isFile) throw new Error(`${path} is not a regular file`);
}

function appendLine(path: string, line: Buffer): void {
  const fd = openSync(path, "a+"); // read+append: the last byte is checked below
  try {
    const size = fstatSync(fd).size;
    let data = line;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      // A previous writer died mid-line: end that line so ours starts clean.
      if (last[0] !== 0x0a) data = Buffer.concat([Buffer.from("\n"), line]);
    }
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads every valid entry in file order; a missing file is an empty history. */
export function readHistory(path: string): HistoryRead {
  let text: string;
  try {
    text = readBoundedText(path, MAX_HISTORY_BYTES);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], problems: [] };
    throw err;
  }
  return parseHistory(text);
}

/** Like readHistory, but an unreadable file (permissions, a directory) becomes a problem, not a throw. */
export function readHistoryTolerant(path: string): HistoryRead {
  try {
    return readHistory(path);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { entries: [], problems: [{ line: 0, message: `cannot read the history: ${message}` }] };
  }
}

export function parseHistory(text: string): HistoryRead {
  const entries: HistoryEntry[] = [];
  const problems: HistoryProblem[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      const cut = i === lines.length - 1 ? " (truncated: no line end)" : "";
      problems.push({ line: i + 1, message: `not valid JSON${cut}; skipped` });
      return;
    }
    const problem = historyEntryProblem(value);
    if (problem) problems.push({ line: i + 1, message: `${problem}; skipped` });
    else entries.push(value as HistoryEntry);
  });
  return { entries, problems };
}

/** Human lines for the problems, e.g. "reports/history.jsonl:7: not valid JSON; skipped". */
export function describeHistoryProblems(path: string, problems: HistoryProblem[]): string[] {
  return problems.map((p) => `${p.line > 0 ? `${path}:${p.line}` : path}: ${p.message}`);
}
