// One offline conversion row, checked: the ids, the time, the value and the currency that go to
// GA4, or the reason it is refused. Pure: the caller passes the clock and the goal's defaults.
import { personalDataIn } from "./personal-data.js";

export interface OfflineRow {
  line: number;
  clientId: string;
  userId?: string;
  timestampMicros: number;
  value: number;
  currency: string;
  transactionId: string;
}

export interface RowProblem {
  line: number;
  reason: string;
}

/** The fields of a row as read from the file (CSV cells or NDJSON values). */
export type RawRow = Partial<Record<OfflineColumn, unknown>>;

export const OFFLINE_COLUMNS = [
  "client_id",
  "user_id",
  "timestamp",
  "value",
  "currency",
  "transaction_id",
] as const;
export type OfflineColumn = (typeof OFFLINE_COLUMNS)[number];

/** The Measurement Protocol accepts events up to 72 hours old (Google's documented limit). */
export const MAX_AGE_MICROS = 72 * 3600 * 1_000_000;
/** Clocks disagree a little; a row minutes in the future is a clock skew, hours is a mistake. */
export const MAX_FUTURE_MICROS = 15 * 60 * 1_000_000;
/** GA4 parameter values are at most 100 characters (transaction_id is sent as one). */
const MAX_PARAM_CHARS = 100;
const MAX_USER_ID_CHARS = 256;

export interface RowDefaults {
  value?: number;
  currency: string;
  nowMicros: number;
  /** oldest accepted row (default 72 h: the Measurement Protocol's limit; the export has none) */
  maxAgeMicros?: number;
  /** a user_id without client_id is fine (report --offline joins by user id; the MP cannot send it) */
  userIdAlone?: boolean;
}

const text = (v: unknown): string =>
  v === undefined || v === null ? "" : typeof v === "string" ? v.trim() : String(v);

/** ISO 8601 with a date, a time and a zone (Z or ±hh:mm): a local time would be guessed. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function checkRow(line: number, raw: RawRow, d: RowDefaults): OfflineRow | RowProblem {
  const refuse = (reason: string): RowProblem => ({ line, reason });
  const clientId = text(raw.client_id);
  const userId = text(raw.user_id);
  const transactionId = text(raw.transaction_id);
  if (clientId === "" && !(d.userIdAlone && userId !== "")) {
    return refuse(
      userId === ""
        ? "no client_id: the Measurement Protocol needs the GA client id of the visitor"
        : "no client_id: the Measurement Protocol cannot send a user_id alone (report --offline joins by user id)",
    );
  }
  if (transactionId === "") return refuse("no transaction_id: it is what makes a row sent once");
  for (const [column, value] of [
    ["client_id", clientId],
    ["user_id", userId],
    ["transaction_id", transactionId],
    ["currency", text(raw.currency)],
  ] as const) {
    const pii = personalDataIn(value);
    if (pii) return refuse(`${column} looks like ${pii}: personal data must never be sent to GA4`);
  }
  if (transactionId.length > MAX_PARAM_CHARS)
    return refuse(`transaction_id is longer than ${MAX_PARAM_CHARS} characters`);
  if (userId.length > MAX_USER_ID_CHARS)
    return refuse(`user_id is longer than ${MAX_USER_ID_CHARS} characters`);

  const ts = text(raw.timestamp);
  if (ts === "") return refuse("no timestamp");
  if (!ISO_WITH_ZONE.test(ts))
    return refuse(`timestamp "${ts}" is not ISO 8601 with a zone, e.g. 2026-11-30T14:05:00Z`);
  const ms = Date.parse(ts.replace(" ", "T"));
  if (!Number.isFinite(ms)) return refuse(`timestamp "${ts}" is not a real date`);
  const micros = ms * 1000;
  if (micros < d.nowMicros - (d.maxAgeMicros ?? MAX_AGE_MICROS))
    return refuse(
      `timestamp ${ts} is more than 72 hours ago: the Measurement Protocol drops it (use report --offline on the export)`,
    );
  if (micros > d.nowMicros + MAX_FUTURE_MICROS) return refuse(`timestamp ${ts} is in the future`);

  const valueText = text(raw.value);
  let value: number;
  if (valueText === "") {
    if (d.value === undefined) return refuse("no value, and the goal has no key_event value to default to");
    value = d.value;
  } else {
    // A plain decimal: "1,200" or "12e3" in a money column is more likely a mistake than a number.
    if (!/^-?\d+(?:\.\d+)?$/.test(valueText)) return refuse(`value "${valueText}" is not a number`);
    value = Number(valueText);
  }
  const currency = text(raw.currency) || d.currency;
  if (!/^[A-Z]{3}$/.test(currency)) return refuse(`currency "${currency}" is not an ISO 4217 code like EUR`);
  return {
    line,
    clientId,
    ...(userId !== "" ? { userId } : {}),
    timestampMicros: micros,
    value,
    currency,
    transactionId,
  };
}

export function isProblem(r: OfflineRow | RowProblem): r is RowProblem {
  return "reason" in r;
}
