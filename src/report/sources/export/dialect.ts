// The few places where DuckDB and BigQuery SQL differ. Everything else in the analysis query is
// written once in the common subset both engines (and node-sql-parser's BigQuery grammar) accept.

export interface Dialect {
  name: "duckdb" | "bigquery";
  /** A string literal. */
  str(s: string): string;
  int: string;
  float: string;
  string: string;
  /** `AS MATERIALIZED` where the engine would otherwise re-evaluate a CTE per reference. */
  cteAs: string;
  /** An event parameter of the current row, as text / as a number (NULL when absent). */
  paramString(key: string): string;
  paramNumber(key: string): string;
  /** A value struct (paramValue's) as text / as a number, as paramString / paramNumber read one. */
  valueText(value: string): string;
  valueNumber(value: string): string;
  /**
   * An event parameter's value struct (string_value, int_value, float_value, double_value), NULL
   * when absent. `keys`: the column withParamKeys added, where the engine uses one.
   */
  paramValue(key: string, keys?: string): string;
  /** The FROM item with each row's list of parameter keys as column `keys` (DuckDB), or as it is. */
  withParamKeys(from: string, keys: string): string;
  regexContains(expr: string, pattern: string): string;
  regexExtract(expr: string, pattern: string): string;
  /** Continuous percentile of expr within each partition (an analytic function). */
  percentile(expr: string, q: number, partitionBy: string): string;
  /** True for one half of the users, by a stable hash of the id. */
  userHalf(expr: string): string;
  /** `SELECT columns, x` with one row per element x of the array column `list` of each row. */
  eachElement(columns: string, list: string, from: string, where: string): string;
  /** How a user's first few times per group are kept: a sorted array (DuckDB, lean) or ranked rows. */
  firstTimes: "array" | "window";
}

const valueFields = ["int_value", "double_value", "float_value"] as const;

export const duckdb: Dialect = {
  name: "duckdb",
  str: (s) => `'${s.replaceAll("'", "''")}'`,
  int: "BIGINT",
  float: "DOUBLE",
  string: "VARCHAR",
  cteAs: "AS MATERIALIZED",
  paramString: (key) =>
    duckdb.valueText(`list_filter(event_params, lambda p: p.key = ${duckdb.str(key)})[1].value`),
  paramNumber: (key) =>
    duckdb.valueNumber(`list_filter(event_params, lambda p: p.key = ${duckdb.str(key)})[1].value`),
  valueText: (v) =>
    `COALESCE(${v}.string_value, ${valueFields.map((f) => `CAST(${v}.${f} AS VARCHAR)`).join(", ")})`,
  valueNumber: (v) =>
    `COALESCE(${valueFields.map((f) => `TRY_CAST(${v}.${f} AS DOUBLE)`).join(", ")}, TRY_CAST(${v}.string_value AS DOUBLE))`,
  // The first element with the key, by its position among the keys: a quarter faster than
  // list_filter(...)[1] (no filtered copy of the structs); NULL when absent, as list_filter's [1].
  paramValue: (key, keys) =>
    `event_params[list_position(${keys ?? "list_transform(event_params, lambda p: p.key)"}, ${duckdb.str(key)})].value`,
  withParamKeys: (from, keys) =>
    `(SELECT *, list_transform(event_params, lambda p: p.key) AS ${keys} FROM ${from})`,
  regexContains: (expr, pattern) => `regexp_matches(${expr}, ${duckdb.str(pattern)})`,
  regexExtract: (expr, pattern) => `regexp_extract(${expr}, ${duckdb.str(pattern)}, 1)`,
  percentile: (expr, q, by) => `quantile_cont(${expr}, ${q}) OVER (PARTITION BY ${by})`,
  userHalf: (expr) => `hash(${expr}) % 2 = 0`,
  // A select-list unnest: in DuckDB far leaner than a lateral join (half the memory here).
  eachElement: (cols, list, from, where) =>
    `SELECT ${cols}, unnest(${list}) AS x FROM ${from} WHERE ${where}`,
  firstTimes: "array",
};

export const bigquery: Dialect = {
  name: "bigquery",
  // BigQuery string literals take backslash escapes and have no '' doubling.
  str: (s) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replaceAll("\n", "\\n")}'`,
  int: "INT64",
  float: "FLOAT64",
  string: "STRING",
  cteAs: "AS",
  paramString: (key) =>
    `(SELECT ${bigquery.valueText("p.value")} FROM UNNEST(event_params) AS p WHERE p.key = ${bigquery.str(key)} LIMIT 1)`,
  paramNumber: (key) =>
    `(SELECT ${bigquery.valueNumber("p.value")} FROM UNNEST(event_params) AS p WHERE p.key = ${bigquery.str(key)} LIMIT 1)`,
  valueText: (v) =>
    `COALESCE(${v}.string_value, ${valueFields.map((f) => `CAST(${v}.${f} AS STRING)`).join(", ")})`,
  valueNumber: (v) =>
    `COALESCE(${valueFields.map((f) => `CAST(${v}.${f} AS FLOAT64)`).join(", ")}, SAFE_CAST(${v}.string_value AS FLOAT64))`,
  paramValue: (key) =>
    `(SELECT p.value FROM UNNEST(event_params) AS p WHERE p.key = ${bigquery.str(key)} LIMIT 1)`,
  withParamKeys: (from) => from,
  regexContains: (expr, pattern) => `REGEXP_CONTAINS(${expr}, ${bigquery.str(pattern)})`,
  regexExtract: (expr, pattern) => `REGEXP_EXTRACT(${expr}, ${bigquery.str(pattern)})`,
  percentile: (expr, q, by) => `PERCENTILE_CONT(${expr}, ${q}) OVER (PARTITION BY ${by})`,
  userHalf: (expr) => `MOD(ABS(FARM_FINGERPRINT(${expr})), 2) = 0`,
  eachElement: (cols, list, from, where) =>
    `SELECT ${cols}, x FROM ${from} CROSS JOIN UNNEST(${list}) AS x WHERE ${where}`,
  firstTimes: "window",
};
