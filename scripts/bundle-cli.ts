// `npm run build` step after tsc: bundles the CLI into dist/cli/main.js (the `bin`) and chunks beside
// it in dist/cli/chunks/, one per lazily loaded command. A cold `validate` otherwise resolves, reads
// and compiles ~85 of our modules plus yaml's and commander's ~75 (issue 19's cold start); bundled,
// it reads a handful of files, minified. tsc's per-module dist/ stays for the library entry points.
// Packages with native code, data files read by path, or their own lazy loading stay external.

import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

// Chunks from an earlier build would pile up beside the new ones.
rmSync(new URL("../dist/cli/chunks", import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli/main.ts" },
  outdir: "dist/cli",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  // Stack traces of an unexpected failure still name our source files.
  sourcemap: "linked",
  external: [
    "@duckdb/node-api",
    "@google-analytics/data",
    "@google-cloud/bigquery",
    "@googleapis/*",
    "google-auth-library",
    "cli-progress",
  ],
  // CommonJS packages bundled into ES modules call require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as mgCreateRequire } from "node:module"; const require = mgCreateRequire(import.meta.url);',
  },
  logLevel: "warning",
});
