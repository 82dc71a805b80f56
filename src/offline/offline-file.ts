// An offline conversions file (CSV with a header row, or NDJSON: one JSON object per line) → checked
// rows and refused rows, each refusal with its line. Pure over the file's text; the CLI reads it.
import { UserError } from "../errors.js";
import { CsvSyntaxError, parseCsv } from "./csv.js";
import {
  checkRow,
  isProblem,
  OFFLINE_COLUMNS,
  type OfflineColumn,
  type OfflineRow,
  type RawRow,
  type RowDefaults,
  type RowProblem,
} from "./offline-row.js";

export interface CheckedFile {
  rows: OfflineRow[];
  problems: RowProblem[];
}

export type OfflineFormat = "csv" | "ndjson";

export function formatOf(path: string): OfflineFormat | undefined {
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(ndjson|jsonl)$/i.test(path)) return "ndjson";
  return undefined;
}

const REQUIRED: OfflineColumn[] = ["client_id", "timestamp", "transaction_id"];
const known = new Set<string>(OFFLINE_COLUMNS);

/** Column names outside the six: not sent, and refused so a stray e-mail column is never near GA4. */
function checkColumns(file: string, line: number, names: string[]): void {
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new UserError(
      `${file}:${line}: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}`,
      1,
      `The columns are ${OFFLINE_COLUMNS.join(", ")}; remove the others (they could hold personal data).`,
    );
  }
}

type Record_ = { line: number; raw: RawRow } | RowProblem;

function rawRecords(file: string, text: string, format: OfflineFormat): Record_[] {
  if (format === "ndjson") {
    const out: Record_[] = [];
    text.split(/\r?\n/).forEach((src, i) => {
      if (src.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(src);
      } catch {
        throw new UserError(`${file}:${i + 1}: not a JSON object (NDJSON has one object per line)`);
      }
      if (!value || typeof value !== "object" || Array.isArray(value))
        throw new UserError(`${file}:${i + 1}: not a JSON object (NDJSON has one object per line)`);
      checkColumns(file, i + 1, Object.keys(value));
      out.push({ line: i + 1, raw: value as RawRow });
    });
    return out;
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new UserError(`${file}:${err.line}: ${err.message}`);
    throw err;
  }
  const header = records.shift();
  if (!header) return [];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  checkColumns(file, header.line, names);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new UserError(
      `${file}:${header.line}: the header has no ${missing.join(", ")} column`,
      1,
      `The first line names the columns: ${OFFLINE_COLUMNS.join(",")}.`,
    );
  return records.map((r) => {
    if (r.fields.length !== names.length) {
      return { line: r.line, reason: `${r.fields.length} fields, but the header names ${names.length}` };
    }
    const raw: RawRow = {};
    names.forEach((n, i) => {
      raw[n as OfflineColumn] = r.fields[i];
    });
    return { line: r.line, raw };
  });
}

/** Every row checked; a transaction id twice in the file refuses its later lines. */
export function checkOfflineFile(
  file: string,
  text: string,
  format: OfflineFormat,
  defaults: RowDefaults,
): CheckedFile {
  const rows: OfflineRow[] = [];
  const problems: RowProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const record of rawRecords(file, text, format)) {
    if ("reason" in record) {
      problems.push(record);
      continue;
    }
    const { line, raw } = record;
    const r = checkRow(line, raw, defaults);
    if (isProblem(r)) {
      problems.push(r);
      continue;
    }
    const seen = firstLine.get(r.transactionId);
    if (seen !== undefined) {
      problems.push({ line, reason: `transaction_id "${r.transactionId}" is also on line ${seen}` });
      continue;
    }
    firstLine.set(r.transactionId, line);
    rows.push(r);
  }
  return { rows, problems };
}
