// node-api's own copy of a vector's values: its typed array (`items`), read in place instead of value
// by value. Only where every value is valid: NULL slots hold whatever was there.
import type { DuckDBDoubleVector, DuckDBListVector, DuckDBVector } from "@duckdb/node-api";

/** The vector's values as node-api holds them, or undefined (NULLs present, or another layout). */
export function itemsInPlace(vector: DuckDBVector): unknown {
  const { items, validity } = vector as unknown as { items?: unknown; validity?: { data?: unknown } };
  if (!ArrayBuffer.isView(items) || !validity || validity.data) return undefined;
  return (items as unknown as ArrayLike<unknown>).length === vector.itemCount ? items : undefined;
}

/** A list vector's entries as node-api holds them (offset, length per row), or undefined. */
export function listEntriesInPlace(vector: DuckDBListVector): BigUint64Array | undefined {
  const { entryData } = vector as unknown as { entryData?: unknown };
  return entryData instanceof BigUint64Array && entryData.length === 2 * vector.itemCount
    ? entryData
    : undefined;
}

/**
 * A DOUBLE column as a Float64Array, NULL as NaN: read straight into a typed array without a
 * JavaScript array of boxed values per chunk. A column without NULLs is node-api's own copy of the
 * values; otherwise value by value (node-api tests each value's validity bit).
 */
export function doublesOf(vector: DuckDBDoubleVector): Float64Array {
  const items = itemsInPlace(vector);
  if (items instanceof Float64Array) return items;
  const out = new Float64Array(vector.itemCount);
  for (let i = 0; i < out.length; i++) out[i] = vector.getItem(i) ?? Number.NaN;
  return out;
}
