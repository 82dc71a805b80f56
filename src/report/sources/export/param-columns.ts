// The goals' parameters as columns of a scan, for the DuckDB hits (analysis-query.ts) and the
// breakdown (breakdown-query.ts): each one's value struct found once per row, only on the events
// whose goals read it (`found`, in the scan), then read in the forms the conditions compare
// (`forms`, above it: `<col>_s` as text, `<col>_n` as a number).
import type { Dialect } from "./dialect.js";
import type { ParamRead } from "./goal-matcher.js";

/** `col`: each read's column name; `value`: the dialect's value struct of a key (d.paramValue). */
export function paramColumns(
  reads: ParamRead[],
  col: Map<string, string>,
  d: Dialect,
  value: (key: string) => string = (key) => d.paramValue(key),
): { found: string[]; forms: string[] } {
  const name = (r: ParamRead) => col.get(r.key) as string;
  return {
    found: reads.map(
      (r) =>
        `CASE WHEN event_name IN (${r.events.map(d.str).join(", ")}) THEN ${value(r.key)} END AS ${name(r)}_v`,
    ),
    forms: reads.flatMap((r) => [
      ...(r.text ? [`${d.valueText(`${name(r)}_v`)} AS ${name(r)}_s`] : []),
      ...(r.number ? [`${d.valueNumber(`${name(r)}_v`)} AS ${name(r)}_n`] : []),
    ]),
  };
}
