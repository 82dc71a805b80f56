// The bulk export loader: what lands in the store for each parameter type, page path, session and
// user, the same from NDJSON and from Parquet, and the `params` option.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { EventStore, type StoredEvent } from "../../src/emulator/data/event-store.js";
import { loadExport } from "../../src/emulator/load-export.js";

const dir = mkdtempSync(join(tmpdir(), "mg-load-"));
const p = (key: string, value: Record<string, unknown>) => ({
  key,
  value: { string_value: null, int_value: null, float_value: null, double_value: null, ...value },
});
const rows = [
  {
    event_date: "20240501",
    event_timestamp: 1714521600000000,
    event_name: "page_view",
    user_pseudo_id: "u1",
    user_id: null,
    event_params: [
      p("page_location", { string_value: "https://shop.example.com/Apparel/shirt?x=1" }),
      p("ga_session_id", { int_value: 1714521600 }),
      p("engaged", { int_value: 1 }),
      p("ratio", { double_value: 0.25 }),
      p("empty", {}),
    ],
  },
  {
    event_date: "20240501",
    event_timestamp: 1714521700000000,
    event_name: "purchase",
    user_pseudo_id: "u2",
    user_id: "customer-7",
    event_params: [p("value", { float_value: 12.5 }), p("currency", { string_value: "EUR" })],
  },
  {
    event_date: "20240502",
    event_timestamp: 1714608000000000,
    event_name: "page_view",
    user_pseudo_id: "u1",
    user_id: null,
    event_params: [
      p("page_location", { string_value: "https://shop.example.com" }),
      p("ga_session_id", { string_value: "s-2" }),
    ],
  },
];
const ndjson = join(dir, "events_2024.json");

beforeAll(async () => {
  writeFileSync(ndjson, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  await conn.run(
    `COPY (SELECT * FROM read_json('${ndjson}', format = 'newline_delimited', columns = {event_date: 'VARCHAR', event_timestamp: 'BIGINT', event_name: 'VARCHAR', user_pseudo_id: 'VARCHAR', user_id: 'VARCHAR', event_params: 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]'})) TO '${join(dir, "events_2024.parquet")}' (FORMAT parquet)`,
  );
  conn.closeSync();
  db.closeSync();
});

const expected: StoredEvent[] = [
  {
    propertyId: "9",
    userId: "u1",
    sessionId: "1714521600",
    timestampMicros: 1714521600000000,
    eventName: "page_view",
    pagePath: "/Apparel/shirt",
    sessionSource: "(not set)",
    params: {
      page_location: "https://shop.example.com/Apparel/shirt?x=1",
      ga_session_id: 1714521600,
      engaged: 1,
      ratio: 0.25,
    },
  },
  {
    propertyId: "9",
    userId: "customer-7",
    sessionId: "(not set)",
    timestampMicros: 1714521700000000,
    eventName: "purchase",
    pagePath: "(not set)",
    sessionSource: "(not set)",
    params: { value: 12.5, currency: "EUR" },
  },
  {
    propertyId: "9",
    userId: "u1",
    sessionId: "s-2",
    timestampMicros: 1714608000000000,
    eventName: "page_view",
    pagePath: "/",
    sessionSource: "(not set)",
    params: { page_location: "https://shop.example.com", ga_session_id: "s-2" },
  },
];

describe("loadExport", () => {
  it.each(["json", "parquet"])(
    "loads %s rows with every parameter type, page path and session",
    async (ext) => {
      const store = new EventStore();
      const r = await loadExport(store, join(dir, `*.${ext}`), { propertyId: "9" });
      expect(r.events).toBe(3);
      expect(r.days).toEqual([
        { date: "20240501", events: 2 },
        { date: "20240502", events: 1 },
      ]);
      expect([...store.events()]).toEqual(expected);
      expect(store.users.size).toBe(2);
      expect(store.sessions.size).toBe(3);
    },
  );

  it("keeps only the named parameters (and ga_session_id) with `params`, appending to what is there", async () => {
    const store = new EventStore();
    store.append({
      propertyId: "1",
      userId: "u1",
      sessionId: 1,
      timestampMicros: 1,
      eventName: "first_visit",
    });
    await loadExport(store, join(dir, "*.parquet"), { propertyId: "9", params: ["currency"] });
    const got = [...store.events("9")].map((e) => e.params);
    expect(got).toEqual([{ ga_session_id: 1714521600 }, { currency: "EUR" }, { ga_session_id: "s-2" }]);
    expect([...store.events("9")][0]?.pagePath).toBe("/Apparel/shirt"); // read, not kept
    expect(store.users.find("u1")).toBe(0); // one dictionary across appends
  });
});
