// Building and ordering result rows the way the analysis query returns them.
import { compareText } from "../byte-order.js";
import type { ResultRow } from "../read-result.js";

export function resultRow(section: string, cols: Partial<Omit<ResultRow, "section">>): ResultRow {
  return { section, a: null, b: null, n1: null, n2: null, n3: null, n4: null, x1: null, x2: null, ...cols };
}

/** The query's ORDER BY section, a, b, n2: text in byte order (SQL's), NULLs last. */
export function compareRows(x: ResultRow, y: ResultRow): number {
  return (
    compareText(x.section, y.section) ||
    compareText(x.a, y.a) ||
    compareText(x.b, y.b) ||
    compareNumber(x.n2, y.n2)
  );
}

function compareNumber(x: number | null, y: number | null): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
}
