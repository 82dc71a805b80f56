// A categorical history column as codes into its distinct values: a million sessions' device,
// medium, source and landing page are counted and compared as numbers, and each distinct text is
// held once.

export interface Category {
  /** per session row: its value's index in `values` */
  codes: Int32Array;
  /** the distinct values (null: no value); may be shared between columns */
  values: (string | null)[];
}

/** Texts (null: none) as a category. */
export function categoryOf(texts: ArrayLike<string | null>): Category {
  const index = new Map<string | null, number>();
  const values: (string | null)[] = [];
  const codes = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const v = texts[i] ?? null;
    let code = index.get(v);
    if (code === undefined) {
      code = values.length;
      index.set(v, code);
      values.push(v);
    }
    codes[i] = code;
  }
  return { codes, values };
}

/** Each row's value. */
export function categoryValues(c: Category): (string | null)[] {
  return Array.from(c.codes, (code) => c.values[code] ?? null);
}
