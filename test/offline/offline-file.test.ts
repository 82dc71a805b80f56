// Reading and checking offline conversion files: every refusal names its line and reason.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/offline/csv.js";
import { checkOfflineFile } from "../../src/offline/offline-file.js";
import { personalDataIn } from "../../src/offline/personal-data.js";

const NOW = Date.parse("2026-11-30T12:00:00Z") * 1000;
const defaults = { currency: "EUR", value: 900, nowMicros: NOW };
const HEADER = "client_id,user_id,timestamp,value,currency,transaction_id";

describe("RFC 4180 reader", () => {
  it("reads quoted fields, doubled quotes, CRLF and fields spanning lines, with start lines", () => {
    const text = 'a,b\r\n"x, y","he said ""hi"""\r\n\r\n"multi\nline",2\n3,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'he said "hi"'] },
      { line: 4, fields: ["multi\nline", "2"] },
      { line: 6, fields: ["3", ""] },
    ]);
  });
  it("refuses an unclosed quote and text after a closing quote, at their lines", () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/never closed/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/after a closing quote/);
  });
});

describe("personal data", () => {
  it("finds e-mail addresses and phone numbers, not GA client ids or numeric ids", () => {
    expect(personalDataIn("jane.doe@example.com")).toBe("an e-mail address");
    expect(personalDataIn("jane%40example.com")).toBe("an e-mail address");
    expect(personalDataIn("+33 6 12 34 56 78")).toBe("a phone number");
    expect(personalDataIn("(555) 123-4567")).toBe("a phone number");
    expect(personalDataIn("555.123.4567")).toBe("a phone number");
    expect(personalDataIn("1234567890.1700000000")).toBeUndefined();
    expect(personalDataIn("CRM-000123")).toBeUndefined();
    expect(personalDataIn("4815162342")).toBeUndefined();
  });
});

describe("offline file check", () => {
  it("turns good CSV rows into rows with micros, defaults value and currency from the goal", () => {
    const text = `${HEADER}\n111.222,,2026-11-30T10:00:00Z,1200.50,USD,D-1\n333.444,u9,2026-11-29T10:00:00+01:00,,,D-2\n`;
    const r = checkOfflineFile("deals.csv", text, "csv", defaults);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        clientId: "111.222",
        timestampMicros: Date.parse("2026-11-30T10:00:00Z") * 1000,
        value: 1200.5,
        currency: "USD",
        transactionId: "D-1",
      },
      {
        line: 3,
        clientId: "333.444",
        userId: "u9",
        timestampMicros: Date.parse("2026-11-29T09:00:00Z") * 1000,
        value: 900,
        currency: "EUR",
        transactionId: "D-2",
      },
    ]);
  });

  it("reads NDJSON with the same checks", () => {
    const text =
      '{"client_id":"1.2","timestamp":"2026-11-30T10:00:00Z","value":5,"transaction_id":"T1"}\n\n{"client_id":"","timestamp":"2026-11-30T10:00:00Z","transaction_id":"T2"}\n';
    const r = checkOfflineFile("d.ndjson", text, "ndjson", defaults);
    expect(r.rows.map((x) => [x.line, x.value])).toEqual([[1, 5]]);
    expect(r.problems.map((p) => p.line)).toEqual([3]);
  });

  it("refuses each kind of bad row with its line and reason", () => {
    const bad = [
      ",,2026-11-30T10:00:00Z,1,EUR,T1", // 2 no client id
      ",u1,2026-11-30T10:00:00Z,1,EUR,T2", // 3 user id alone
      "1.2,,2026-11-30T10:00:00Z,1,EUR,", // 4 no transaction id
      "1.2,,2026-11-25T10:00:00Z,1,EUR,T3", // 5 older than 72 h
      "1.2,,2026-12-01T10:00:00Z,1,EUR,T4", // 6 future
      "1.2,,2026-11-30 10:00,1,EUR,T5", // 7 no zone
      "1.2,,2026-02-30T10:00:00Z,1,EUR,T6", // 8 no such day
      "1.2,,2026-11-30T10:00:00Z,abc,EUR,T7", // 9 value
      '1.2,,2026-11-30T10:00:00Z,"1,200",EUR,T8', // 10 value with a thousands comma
      "1.2,,2026-11-30T10:00:00Z,1,euro,T9", // 11 currency
      "jane@example.com,,2026-11-30T10:00:00Z,1,EUR,T10", // 12 e-mail
      "1.2,+1 555 123 4567,2026-11-30T10:00:00Z,1,EUR,T11", // 13 phone
      "1.2,,2026-11-30T10:00:00Z,1,EUR,T12", // 14 fine
      "1.3,,2026-11-30T10:00:00Z,1,EUR,T12", // 15 duplicate transaction
      "1.2,,2026-11-30T10:00:00Z,1", // 16 field count
      "1.2,,,1,EUR,T13", // 17 no timestamp
    ];
    const r = checkOfflineFile("d.csv", [HEADER, ...bad].join("\n"), "csv", defaults);
    expect(r.rows.map((x) => x.line)).toEqual(expect.arrayContaining([14]));
    const reasons = Object.fromEntries(r.problems.map((p) => [p.line, p.reason]));
    expect(reasons[2]).toMatch(/no client_id/);
    expect(reasons[3]).toMatch(/user_id alone/);
    expect(reasons[4]).toMatch(/no transaction_id/);
    expect(reasons[5]).toMatch(/more than 72 hours ago/);
    expect(reasons[6]).toMatch(/in the future/);
    expect(reasons[7]).toMatch(/not ISO 8601 with a zone/);
    expect(reasons[8]).toBeDefined();
    expect(reasons[9]).toMatch(/value "abc" is not a number/);
    expect(reasons[10]).toMatch(/value "1,200" is not a number/);
    expect(reasons[11]).toMatch(/currency "euro"/);
    expect(reasons[12]).toMatch(/client_id looks like an e-mail address/);
    expect(reasons[13]).toMatch(/user_id looks like a phone number/);
    expect(reasons[15]).toMatch(/also on line 14/);
    expect(reasons[16]).toMatch(/4 fields, but the header names 6/);
    expect(reasons[17]).toMatch(/no timestamp/);
  });

  it("refuses unknown columns and a header without the required ones, as file errors", () => {
    expect(() => checkOfflineFile("d.csv", `${HEADER},email\n`, "csv", defaults)).toThrow(
      /d\.csv:1: unknown column "email"/,
    );
    expect(() => checkOfflineFile("d.csv", "client_id,value\n", "csv", defaults)).toThrow(
      /d\.csv:1: the header has no timestamp, transaction_id column/,
    );
    expect(() => checkOfflineFile("d.ndjson", "[1]\n", "ndjson", defaults)).toThrow(
      /d\.ndjson:1: not a JSON object/,
    );
  });
});
