// Text that came from a spec or a data file, made safe to print to a terminal or write into a
// report someone will `cat`: control characters (ESC sequences recolour, retitle or rewrite a
// terminal; CR and BS overwrite what was printed; C1 controls are ESC in 8-bit form) and bidi
// overrides (they reorder what is shown) become a visible U+FFFD; tabs and line breaks become
// spaces, since every place this is used prints one line.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const BREAKS = /[\t\n\r]/g;

export function printable(s: string): string {
  return s.replace(BREAKS, " ").replace(UNSAFE, "\uFFFD");
}

/** The same value with `printable` applied to every string in it (plain objects and arrays). */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}
