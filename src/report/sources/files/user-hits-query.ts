// The goal hits for the one-pass sequence sections (export/sequence/), a row per hit in two
// 64-bit columns: the user as hash(user), and time and goal packed into one integer. Crossing into
// JavaScript costs per chunk and per column far more than per value, so two columns, read as the
// vectors' own typed arrays. The day query (user-days-query.ts) checks that no two users share a
// hash; a time the packing cannot hold exactly comes back as -1. Either way the caller falls back
// to the SQL analysis.
import { endianness } from "node:os";
import type { DuckDBMaterializedResult, DuckDBVector } from "@duckdb/node-api";
import { type ExportQuery, goalHitsCtes, type RowSource } from "../export/analysis-query.js";
import { DAY_MICROS, utcDayMs } from "../export/calendar-date.js";
import { duckdb } from "../export/dialect.js";
import { goalIdsByCode } from "../export/sequence/sequence-rows.js";
import { PARTITIONS, type PackedHits, partitionOf } from "../export/sequence/user-hits.js";
import { itemsInPlace } from "./vector-items.js";

const EXACT = 2 ** 53;

/** Where packed times start (two days before the range: event_date is local, times are UTC), and the goal count. */
export function packing(q: ExportQuery): { origin: number; goals: number } {
  return {
    origin: utcDayMs(q.startDate) * 1000 - 2 * DAY_MICROS,
    goals: Math.max(1, goalIdsByCode(q).length),
  };
}

export function userHitsSql(q: ExportQuery, src: RowSource): string {
  const { origin, goals } = packing(q);
  const last = origin + Math.floor((EXACT - goals) / goals);
  return (
    `WITH ${goalHitsCtes(q, src, duckdb, true).join(",\n")}\n` +
    `SELECT hash(u) AS k, CASE WHEN t BETWEEN ${origin} AND ${last} THEN (t - ${origin}) * ${goals} + g ELSE -1 END AS v FROM hits`
  );
}

/** The query's rows as PackedHits, or undefined when a time did not fit the packing. */
export function readUserHits(result: DuckDBMaterializedResult, q: ExportQuery): PackedHits | undefined {
  const partitions = new Int32Array(PARTITIONS);
  const out: PackedHits = { keys: [], values: [], partitions, ...packing(q) };
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const values = wordsOf(chunk.getColumnVector(1));
    const keys = wordsOf(chunk.getColumnVector(0));
    for (let i = 1; i < values.length; i += 2) {
      // -1 (out of range) or past 2^53: a high word of 2^21 or more
      if (values[i]! >= 2 ** 21) return undefined;
      partitions[partitionOf(keys[i]!)]!++;
    }
    out.keys.push(keys);
    out.values.push(values);
  }
  return out;
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
