// `npm run build` step after tsc: bundles the CLI into one CommonJS script (dist/cli/microgoals.cjs,
// minified) started by a small launcher (dist/cli/main.js, the `bin`) from V8's code cache, which
// this step writes by running `validate` once. Unbundled, a cold `validate` resolved, read and
// compiled ~85 of our modules plus yaml's and commander's ~75 (issue 19's cold start).
// Packages with native code, data files read by path, or lazy loading of their own stay external;
// all are CommonJS, so `import()` of one becomes require(). tsc's per-module dist/ stays for the
// library entry points.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const external = [
  // the native engine; @duckdb/node-api's JavaScript over it is bundled (duckdbApiBundled)
  "@duckdb/node-bindings",
  "@google-analytics/data",
  "@google-cloud/bigquery",
  "@googleapis/*",
  "google-auth-library",
  "cli-progress",
];

// project/load-on-first-use.ts requires a package by name the first time a project needs it, which
// a bundler cannot follow. In the bundle, the packages it is used with are required by literal
// names instead: bundled (so in the code cache) and still evaluated only on first use. Any other
// name is required from node_modules as before.
const bundledOnFirstUse = ["css-selector-parser", "croner"];
const loadOnFirstUseBundled: Plugin = {
  name: "load-on-first-use-bundled",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]project[\\/]load-on-first-use\.ts$/ }, () => ({
      loader: "js",
      contents: [
        "const bundled = {",
        ...bundledOnFirstUse.map(
          (name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`,
        ),
        "};",
        "export function loadOnFirstUse(name) {",
        "  let loaded;",
        "  return () => (loaded ??= (bundled[name] ?? (() => require(name)))());",
        "}",
      ].join("\n"),
    }));
  },
};

// @duckdb/node-api is ~120 CommonJS files: required from node_modules, each is found, read and
// compiled on every files command (60-80 ms of a cold report). The library's duckdb-api.ts requires
// it by a runtime name (createRequire), which a bundler cannot follow; in the bundle it is a literal
// require, so its JavaScript is in the bundle, still evaluated only on first use.
const duckdbApiBundled: Plugin = {
  name: "duckdb-api-bundled",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]report[\\/]sources[\\/]files[\\/]duckdb-api\.ts$/ }, () => ({
      loader: "js",
      contents: 'export const duckdbApi = require("@duckdb/node-api");',
    }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  plugins: [loadOnFirstUseBundled, duckdbApiBundled],
  outfile: "dist/cli/microgoals.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  supported: { "dynamic-import": false },
  // The bundle is one script: import.meta is the launcher's business.
  define: { "import.meta.url": "__mgModuleUrl" },
  banner: { js: 'var __mgModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  external,
  logLevel: "warning",
});

// esbuild writes non-ASCII characters as \u escapes, except inside regular expression literals. One
// such character makes Node read the whole bundle as a two-byte string: 14 ms instead of 9 to read
// it, and 7-8 ms more on every cold `validate` (issue 19). Write them as \u escapes in the source.
assertAscii(`${root}dist/cli/microgoals.cjs`);

function assertAscii(file: string): void {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at < 0) return;
  const context = bytes.subarray(Math.max(0, at - 60), at + 20).toString("utf8");
  throw new Error(`${file}: a non-ASCII character at byte ${at}, in …${context}…: write it as a \\u escape`);
}

// The adjusted effects' bootstrap worker (report/effects/bootstrap-threads.ts), beside the bundle
// that starts it: a thread of its own needs a script of its own.
await build({
  absWorkingDir: root,
  entryPoints: ["src/report/effects/bootstrap-worker.ts"],
  outfile: "dist/cli/bootstrap-worker.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  logLevel: "warning",
});

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/code-cache-launcher.ts"],
  outfile: "dist/cli/main.js",
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
});

const cache = `${root}dist/cli/microgoals.cjs.v8-cache`;
rmSync(cache, { force: true });
execFileSync(process.execPath, [`${root}dist/cli/main.js`, "validate", `${root}templates/ecommerce`], {
  env: { ...process.env, MICROGOALS_WRITE_CODE_CACHE: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
