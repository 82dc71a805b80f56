// A VARCHAR vector's texts without decoding every value. node-api's getItem decodes each value
// with a TextDecoder and tests its validity bit with BigInt arithmetic (an allocation per value);
// the sessions' category columns hold a few distinct texts in hundreds of thousands of rows. DuckDB
// keeps a text of up to 12 bytes inside its 16-byte slot (length, then the bytes), so such a slot
// is looked up by its four 32-bit words and decoded once per distinct text. A longer text lives
// behind a pointer and is read by node-api as before.
import type { DuckDBVarCharVector } from "@duckdb/node-api";

/** Longest text DuckDB stores inside its slot (string_t's inlined part). */
const INLINE_BYTES = 12;

/**
 * Texts of up to 12 bytes by their slot's words (length and the zero-padded bytes): an
 * open-addressing table, grown at half full. One per query result: its chunks share their texts.
 */
export class InlineTexts {
  private slots = 256;
  private words = new Uint32Array(this.slots * 4);
  private texts: (string | undefined)[] = new Array(this.slots);
  private used = 0;

  /** The text of slot `at` (a word index into `w`), read through `read` the first time. */
  textOf(w: Uint32Array, at: number, read: () => string): string {
    const len = w[at] as number;
    const a = w[at + 1] as number;
    const b = w[at + 2] as number;
    const c = w[at + 3] as number;
    const mask = this.slots - 1;
    let s = (Math.imul(len ^ a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) & mask;
    for (; ; s = (s + 1) & mask) {
      const text = this.texts[s];
      if (text === undefined) break;
      const k = s * 4;
      if (
        this.words[k] === len &&
        this.words[k + 1] === a &&
        this.words[k + 2] === b &&
        this.words[k + 3] === c
      )
        return text;
    }
    const text = read();
    this.put(s, len, a, b, c, text);
    return text;
  }

  private put(s: number, len: number, a: number, b: number, c: number, text: string): void {
    const k = s * 4;
    this.words[k] = len;
    this.words[k + 1] = a;
    this.words[k + 2] = b;
    this.words[k + 3] = c;
    this.texts[s] = text;
    if (++this.used * 2 > this.slots) this.grow();
  }

  private grow(): void {
    const { words, texts } = this;
    this.slots *= 2;
    this.words = new Uint32Array(this.slots * 4);
    this.texts = new Array(this.slots);
    this.used = 0;
    for (let s = 0; s < texts.length; s++) {
      const text = texts[s];
      if (text === undefined) continue;
      const k = s * 4;
      const w = words.subarray(k, k + 4);
      this.textOf(w, 0, () => text);
    }
  }
}

interface VectorInternals {
  dataView?: unknown;
  validity?: { data?: unknown; offset?: unknown };
}

/**
 * The vector's values (NULL as null), the same texts node-api's getItem gives; undefined when the
 * vector is not laid out as expected (another node-api version): read it value by value then.
 */
export function textsOf(vector: DuckDBVarCharVector, texts: InlineTexts): (string | null)[] | undefined {
  const { dataView, validity } = vector as unknown as VectorInternals;
  const n = vector.itemCount;
  if (!(dataView instanceof DataView) || dataView.byteLength < n * 16 || dataView.byteOffset % 4 !== 0)
    return undefined;
  if (validity?.offset !== 0) return undefined;
  const bits = validity.data;
  if (bits !== null && !(bits instanceof BigUint64Array)) return undefined;
  // Validity words as 32-bit halves, low half first (little-endian, as DuckDB writes them).
  const valid = bits ? new Uint32Array(bits.buffer, bits.byteOffset, bits.length * 2) : undefined;
  const w = new Uint32Array(dataView.buffer, dataView.byteOffset, n * 4);
  const out: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (valid && (((valid[i >>> 5] as number) >>> (i & 31)) & 1) === 0) out[i] = null;
    else if ((w[i * 4] as number) <= INLINE_BYTES)
      out[i] = texts.textOf(w, i * 4, () => vector.getItem(i) as string);
    else out[i] = vector.getItem(i);
  }
  return out;
}
