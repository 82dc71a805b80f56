// @duckdb/node-api, required rather than imported. It is CommonJS, and Node's ESM loader first
// lexes its index and every file it re-exports (~120) for their export names: 50–60 ms of a cold
// files report, before any query. require() reads each file once. The CLI's bundle requires it
// anyway (scripts/bundle-cli.ts); this gives the library's modules the same start.
import { createRequire } from "node:module";

export const duckdbApi: typeof import("@duckdb/node-api") = createRequire(import.meta.url)(
  "@duckdb/node-api",
);
