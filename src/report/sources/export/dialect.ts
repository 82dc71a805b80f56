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
  /** An event parameter's value struct of the current row (NULL when absent). */
  paramValue(key: string): string;
  /** That value (a column holding paramValue) as text / as a number. */
  valueString(v: string): string;
  valueNumber(v: string): string;
  regexContains(expr: string, pattern: string): string;
  regexExtract(expr: string, pattern: string): string;
  /** Continuous percentile of expr within each partition (an analytic function). */
  percentile(expr: string, q: number, partitionBy: string): string;
}

const valueFields = ["int_value", "double_value", "float_value"] as const;

export const duckdb: Dialect = {
  name: "duckdb",
  str: (s) => `'${s.replaceAll("'", "''")}'`,
  int: "BIGINT",
  float: "DOUBLE",
  string: "VARCHAR",
  cteAs: "AS MATERIALIZED",
  paramValue: (key) => `list_filter(event_params, lambda p: p.key = ${duckdb.str(key)})[1].value`,
  valueString: (v) =>
    `COALESCE(${v}.string_value, ${valueFields.map((f) => `CAST(${v}.${f} AS VARCHAR)`).join(", ")})`,
  valueNumber: (v) =>
    `COALESCE(${valueFields.map((f) => `TRY_CAST(${v}.${f} AS DOUBLE)`).join(", ")}, TRY_CAST(${v}.string_value AS DOUBLE))`,
  regexContains: (expr, pattern) => `regexp_matches(${expr}, ${duckdb.str(pattern)})`,
  regexExtract: (expr, pattern) => `regexp_extract(${expr}, ${duckdb.str(pattern)}, 1)`,
  percentile: (expr, q, by) => `quantile_cont(${expr}, ${q}) OVER (PARTITION BY ${by})`,
};

export const bigquery: Dialect = {
  name: "bigquery",
  // BigQuery string literals take backslash escapes and have no '' doubling.
  str: (s) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replaceAll("\n", "\\n")}'`,
  int: "INT64",
  float: "FLOAT64",
  string: "STRING",
  cteAs: "AS",
  paramValue: (key) =>
    `(SELECT p.value FROM UNNEST(event_params) AS p WHERE p.key = ${bigquery.str(key)} LIMIT 1)`,
  valueString: (v) =>
    `COALESCE(${v}.string_value, ${valueFields.map((f) => `CAST(${v}.${f} AS STRING)`).join(", ")})`,
  valueNumber: (v) =>
    `COALESCE(${valueFields.map((f) => `CAST(${v}.${f} AS FLOAT64)`).join(", ")}, SAFE_CAST(${v}.string_value AS FLOAT64))`,
  regexContains: (expr, pattern) => `REGEXP_CONTAINS(${expr}, ${bigquery.str(pattern)})`,
  regexExtract: (expr, pattern) => `REGEXP_EXTRACT(${expr}, ${bigquery.str(pattern)})`,
  percentile: (expr, q, by) => `PERCENTILE_CONT(${expr}, ${q}) OVER (PARTITION BY ${by})`,
};
