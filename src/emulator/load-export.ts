// `microgoals emulator --load 'exports/*.parquet'`: real GA4 export rows into the emulator's event
// store under one property, so the Data API path can run on real events. DuckDB does the work in
// bulk, one event_date at a time (so memory stays bounded by a day): it flattens the rows,
// unnests the parameters and dictionary-encodes every string column; only each day's distinct
// strings cross into JavaScript (to be interned in the store's dictionaries), every per-event
// value crosses as a number and lands in the store's typed columns (EventStore.appendEncoded).
import type { DuckDBConnection, DuckDBDataChunk } from "@duckdb/node-api";
import { PAGE_PATH_PATTERN } from "../report/query-plan.js";
import { duckdb } from "../report/sources/export/dialect.js";
import { duckdbApi } from "../report/sources/files/duckdb-api.js";
import { openExportFiles } from "../report/sources/files/export-files.js";
import type { Dictionary } from "./data/dictionary.js";
import { type EventStore, TRAFFIC_FIELDS, type TrafficField } from "./data/event-store.js";

const { DuckDBInstance } = duckdbApi;

export interface LoadExportOptions {
  propertyId: string;
  /** keep only these event parameters (default: all); fewer params, less memory */
  params?: string[];
}

export interface LoadExportResult {
  files: string[];
  events: number;
  /** events per event_date (YYYYMMDD), in date order */
  days: { date: string; events: number }[];
}

const NOT_SET = "(not set)";

export async function loadExport(
  store: EventStore,
  pattern: string,
  opts: LoadExportOptions,
): Promise<LoadExportResult> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const files = await openExportFiles(conn, pattern);
    const perDay = new Map<string, number>();
    let events = 0;
    for (const file of files.files) {
      // One file at a time (a daily table each, as exported): memory stays bounded by one.
      const from = files.source.from.replace(files.files.map(duckdb.str).join(", "), duckdb.str(file));
      const loaded = await loadFile(conn, store, { ...files.source, from }, opts);
      for (const d of loaded.days) perDay.set(d.date, (perDay.get(d.date) ?? 0) + d.events);
      events += loaded.count;
    }
    const days = [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, n]) => ({ date, events: n }));
    return { files: files.files, events, days };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** One file: flatten and encode in DuckDB, then append the columns to the store. */
async function loadFile(
  conn: DuckDBConnection,
  store: EventStore,
  source: { from: string; hasUserId: boolean },
  opts: LoadExportOptions,
): Promise<{ count: number; days: { date: string; events: number }[] }> {
  const user = source.hasUserId ? "COALESCE(user_id, user_pseudo_id)" : "user_pseudo_id";
  // page_location is always read (the page path comes from it) but stored only when asked for;
  // source/medium/campaign are always kept: the session-scoped traffic dimensions read them.
  const keep = opts.params
    ? `list_filter(event_params, lambda p: p.key IN (${[...opts.params, "ga_session_id", "page_location", "source", "medium", "campaign"].map(duckdb.str).join(", ")}))`
    : "event_params";
  // Device, geo and first-user traffic source, where the export has those columns.
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source.from}`);
  const has = new Set(described.getRowObjectsJS().map((r) => String(r.column_name)));
  const trafficSql: Record<TrafficField, string> = {
    deviceCategory: has.has("device") ? "device.category" : "NULL",
    country: has.has("geo") ? "geo.country" : "NULL",
    firstUserSource: has.has("traffic_source") ? "traffic_source.source" : "NULL",
    firstUserMedium: has.has("traffic_source") ? "traffic_source.medium" : "NULL",
    firstUserCampaignName: has.has("traffic_source") ? "traffic_source.name" : "NULL",
  };
  const tf = TRAFFIC_FIELDS.map((_, k) => `tf${k}`);
  const stored = opts.params && !opts.params.includes("page_location") ? "k <> 'page_location'" : "TRUE";
  // Parquet numbers its rows (file_row_number), so events and their parameters can be read in two
  // scans without materialising the nested parameter lists; NDJSON is materialised once instead.
  let rows: string;
  let index: string;
  if (/^read_parquet\(/.test(source.from)) {
    rows = source.from.replace(/\)$/, ", file_row_number = true)");
    index = "file_row_number";
  } else {
    await conn.run(`CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM ${source.from}`);
    rows = "raw";
    index = "rowid";
  }
  // A parameter's value is its first set field in this order (string, int, double, float); a
  // parameter with none is dropped.
  const num = "COALESCE(CAST(p.value.int_value AS DOUBLE), p.value.double_value, p.value.float_value)";
  await conn.run(`CREATE OR REPLACE TEMP TABLE prm AS
    SELECT i, pos, p.key AS k, p.value.string_value AS s,
      CASE WHEN p.value.string_value IS NULL THEN ${num} END AS n, p.value.int_value AS iv
    FROM (SELECT ${index} AS i, generate_subscripts(${keep}, 1) AS pos, unnest(${keep}) AS p FROM ${rows})
    WHERE p.value.string_value IS NOT NULL OR ${num} IS NOT NULL`);
  // pagePath as the export path reads it (report/query-plan.ts); NULL (→ "(not set)") without
  // page_location. Sessions: user + ga_session_id as text.
  await conn.run(`CREATE OR REPLACE TEMP TABLE ev AS
    SELECT r.i, d, u, t, e,
      CASE WHEN x.loc IS NULL THEN NULL
        ELSE COALESCE(NULLIF(regexp_extract(x.loc, '${PAGE_PATH_PATTERN}', 1), ''), '/') END AS path,
      COALESCE(x.sid, ${duckdb.str(NOT_SET)}) AS sid, COALESCE(x.n, 0)::INTEGER AS np, ${tf.map((c) => `r.${c}`).join(", ")}
    FROM (SELECT ${index} AS i, event_date AS d, ${user} AS u, event_timestamp AS t, event_name AS e,
      ${TRAFFIC_FIELDS.map((f, k) => `NULLIF(CAST(${trafficSql[f]} AS VARCHAR), '') AS tf${k}`).join(", ")}
      FROM ${rows}) r
    LEFT JOIN (SELECT i, count(*) FILTER (WHERE ${stored}) AS n,
        arg_min(s, pos) FILTER (WHERE k = 'page_location') AS loc,
        arg_min(COALESCE(s, CAST(iv AS VARCHAR), CAST(n AS VARCHAR)), pos) FILTER (WHERE k = 'ga_session_id') AS sid
      FROM prm GROUP BY i) x ON x.i = r.i`);
  // Local dictionaries: code → value, in code order; JavaScript maps codes to store ids.
  await conn.run(`CREATE OR REPLACE TEMP TABLE sdict AS
    SELECT v, (row_number() OVER ())::INTEGER - 1 AS c FROM (
      SELECT e AS v FROM ev UNION SELECT path FROM ev WHERE path IS NOT NULL
      ${tf.map((c) => `UNION SELECT ${c} FROM ev WHERE ${c} IS NOT NULL`).join(" ")}
      UNION SELECT k FROM prm UNION SELECT s FROM prm WHERE s IS NOT NULL)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE udict AS
    SELECT u, (row_number() OVER ())::INTEGER - 1 AS c FROM (SELECT DISTINCT u FROM ev)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE sessdict AS
    SELECT u, sid, (row_number() OVER ())::INTEGER - 1 AS c FROM (SELECT DISTINCT u, sid FROM ev)`);
  const strings = await codes(conn, "SELECT v FROM sdict ORDER BY c", store.strings, (r) => String(r[0]));
  const users = await codes(conn, "SELECT u FROM udict ORDER BY c", store.users, (r) => String(r[0]));
  const sessions = await codes(
    conn,
    "SELECT u, sid FROM sessdict ORDER BY c",
    store.sessions,
    (r) => `${String(r[0])}\u0000${String(r[1])}`,
  );
  const notSet = store.strings.intern(NOT_SET);

  const count = Number(
    (await conn.runAndReadAll("SELECT count(*) AS n FROM ev")).getRowObjectsJS()[0]?.n ?? 0,
  );
  const user_ = new Uint32Array(count);
  const session = new Uint32Array(count);
  const time = new Float64Array(count);
  const event = new Uint32Array(count);
  const page = new Uint32Array(count);
  const paramCount = new Uint32Array(count);
  const traffic = TRAFFIC_FIELDS.map(() => new Uint32Array(count));
  let row = 0;
  await eachChunk(
    conn,
    `SELECT r.t, ud.c, sd.c, es.c, ps.c, r.np, ${tf.map((c) => `${c}s.c`).join(", ")} FROM ev r
      JOIN udict ud ON ud.u = r.u JOIN sessdict sd ON sd.u = r.u AND sd.sid = r.sid
      JOIN sdict es ON es.v = r.e LEFT JOIN sdict ps ON ps.v = r.path
      ${tf.map((c) => `LEFT JOIN sdict ${c}s ON ${c}s.v = r.${c}`).join(" ")}
      ORDER BY r.i`,
    (chunk) => {
      const [t, u, s, e, p, n] = [0, 1, 2, 3, 4, 5].map((j) => chunk.getColumnVector(j));
      const tv = tf.map((_, k) => chunk.getColumnVector(6 + k));
      for (let k = 0; k < chunk.rowCount; k++, row++) {
        time[row] = Number(t?.getItem(k));
        user_[row] = users[u?.getItem(k) as number] as number;
        session[row] = sessions[s?.getItem(k) as number] as number;
        event[row] = strings[e?.getItem(k) as number] as number;
        const pc = p?.getItem(k) as number | null;
        page[row] = pc === null ? notSet : (strings[pc] as number);
        paramCount[row] = n?.getItem(k) as number;
        tv.forEach((v, f) => {
          const c = v.getItem(k) as number | null;
          (traffic[f] as Uint32Array)[row] = c === null ? notSet : (strings[c] as number);
        });
      }
    },
  );

  const total = Number(
    (await conn.runAndReadAll(`SELECT count(*) AS n FROM prm WHERE ${stored}`)).getRowObjectsJS()[0]?.n ?? 0,
  );
  const paramKey = new Uint32Array(total);
  const paramStr = new Int32Array(total);
  const paramNum = new Float64Array(total);
  let q = 0;
  await eachChunk(
    conn,
    `SELECT ks.c, vs.c, prm.n FROM prm JOIN sdict ks ON ks.v = prm.k LEFT JOIN sdict vs ON vs.v = prm.s
      WHERE ${stored} ORDER BY prm.i, prm.pos`,
    (chunk) => {
      const [k, s, n] = [0, 1, 2].map((j) => chunk.getColumnVector(j));
      for (let r = 0; r < chunk.rowCount; r++, q++) {
        paramKey[q] = strings[k?.getItem(r) as number] as number;
        const sc = s?.getItem(r) as number | null;
        paramStr[q] = sc === null ? -1 : (strings[sc] as number);
        paramNum[q] = sc === null ? (n?.getItem(r) as number) : 0;
      }
    },
  );
  store.appendEncoded({
    count,
    property: store.properties.intern(opts.propertyId),
    user: user_,
    session,
    time,
    event,
    page,
    source: notSet,
    paramCount,
    paramKey,
    paramStr,
    paramNum,
    traffic: Object.fromEntries(TRAFFIC_FIELDS.map((f, k) => [f, traffic[k]])),
  });
  const days = (await conn.runAndReadAll("SELECT d, count(*) AS n FROM ev GROUP BY d ORDER BY d"))
    .getRowObjectsJS()
    .map((r) => ({ date: String(r.d), events: Number(r.n) }));
  return { count, days };
}

/** Interns a local dictionary's values (in code order) into the store's; returns code → store id. */
async function codes(
  conn: DuckDBConnection,
  sql: string,
  dict: Dictionary,
  value: (row: unknown[]) => string,
): Promise<Uint32Array> {
  const rows = (await conn.runAndReadAll(sql)).getRows();
  const ids = new Uint32Array(rows.length);
  rows.forEach((r, c) => {
    ids[c] = dict.intern(value(r as unknown[]));
  });
  return ids;
}

async function eachChunk(
  conn: DuckDBConnection,
  sql: string,
  each: (c: DuckDBDataChunk) => void,
): Promise<void> {
  const result = await conn.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    each(chunk);
  }
}
