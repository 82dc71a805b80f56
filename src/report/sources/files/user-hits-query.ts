// The goal hits for the one-pass sequence sections (export/sequence/), grouped by user in the engine:
// a row per user, hash(user) and a list of the user's hits, time and goal packed into one integer.
// Crossing into JavaScript costs per chunk (~130 µs for node-api to fetch one) far more than per
// value, and a row per user instead of per hit makes 5-10× fewer chunks; the lists' values arrive
// as one typed array per chunk. The day query (user-days-query.ts) checks that no two users share a
// hash; a time the packing cannot hold exactly comes back as -1. Either way the caller falls back
// to the SQL analysis.
import { endianness } from "node:os";
import type {
  DuckDBDoubleVector,
  DuckDBListVector,
  DuckDBMaterializedResult,
  DuckDBVector,
} from "@duckdb/node-api";
import { type ExportQuery, goalHitsCtes, type RowSource } from "../export/analysis-query.js";
import { DAY_MICROS, utcDayMs } from "../export/calendar-date.js";
import { duckdb } from "../export/dialect.js";
import { goalIdsByCode } from "../export/sequence/sequence-rows.js";
import type { UserHitLists } from "../export/sequence/user-hits.js";
import { doublesOf, itemsInPlace, listEntriesInPlace } from "./vector-items.js";

const EXACT = 2 ** 53;

/** Where packed times start (two days before the range: event_date is local, times are UTC), and the goal count. */
export function packing(q: ExportQuery): { origin: number; goals: number } {
  return {
    origin: utcDayMs(q.startDate) * 1000 - 2 * DAY_MICROS,
    goals: Math.max(1, goalIdsByCode(q).length),
  };
}

/**
 * `byKey`: users in the order of their keys, the order the adjusted effects number the sessions'
 * users in (read-exposure.ts): mapping the hits' first times onto them then writes in order instead
 * of at random (10M events: 250 ms less there, for 50-120 ms of sorting here).
 */
export function userHitsSql(q: ExportQuery, src: RowSource, byKey = false): string {
  const { origin, goals } = packing(q);
  const last = origin + Math.floor((EXACT - goals) / goals);
  return (
    `WITH ${goalHitsCtes(q, src, duckdb, true).join(",\n")}\n` +
    `SELECT hash(u) AS k, list(CAST(CASE WHEN t BETWEEN ${origin} AND ${last} THEN (t - ${origin}) * ${goals} + g ELSE -1 END AS DOUBLE)) AS v ` +
    `FROM hits GROUP BY u${byKey ? " ORDER BY k" : ""}`
  );
}

/** The query's rows, per chunk (hitsFromLists makes them UserHits). */
export function readHitLists(result: DuckDBMaterializedResult): UserHitLists[] {
  const chunks: UserHitLists[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const lists = chunk.getColumnVector(1) as DuckDBListVector;
    chunks.push({
      keys: wordsOf(chunk.getColumnVector(0)),
      entries: entryWordsOf(lists),
      values: doublesOf(lists.childVector as DuckDBDoubleVector),
    });
  }
  return chunks;
}

/** A list vector's entries (offset, length: 64 bits each) as 32-bit words, low word first. */
function entryWordsOf(lists: DuckDBListVector): Uint32Array {
  const entries = listEntriesInPlace(lists);
  if (endianness() === "LE" && entries)
    return new Uint32Array(entries.buffer, entries.byteOffset, 2 * entries.length);
  const words = new Uint32Array(4 * lists.itemCount);
  for (let i = 0; i < lists.itemCount; i++) {
    words[4 * i] = lists.getEntryOffset(i);
    words[4 * i + 2] = lists.getEntryLength(i);
  }
  return words;
}

/**
 * A 64-bit vector's values as 32-bit words, low word first: node-api's own typed array
 * (vector-items.ts), read in place on a little-endian machine; value by value otherwise.
 */
function wordsOf(vector: DuckDBVector): Uint32Array {
  const items = itemsInPlace(vector);
  if (endianness() === "LE" && (items instanceof BigUint64Array || items instanceof BigInt64Array))
    return new Uint32Array(items.buffer, items.byteOffset, 2 * items.length);
  const words = new Uint32Array(2 * vector.itemCount);
  for (let i = 0; i < vector.itemCount; i++) {
    const v = BigInt.asUintN(64, BigInt(vector.getItem(i) as bigint));
    words[2 * i] = Number(v & 0xffffffffn);
    words[2 * i + 1] = Number(v >> 32n);
  }
  return words;
}
